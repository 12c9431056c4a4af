using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>One preset of <c>preset.list</c>.</summary>
public sealed record PresetListEntry
{
    /// <summary>The preset's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>factory, user or user_overrides_factory (a user file replacing a factory preset).</summary>
    public string Origin { get; init; } = "";

    /// <summary>The file's name in the presets folder; null for a factory preset (written as null, not left out).</summary>
    public string? File { get; init; }

    /// <summary>Whether it is the current sound's preset.</summary>
    public bool Current { get; init; }

    /// <summary>Its positions in the set list (1..).</summary>
    public IReadOnlyList<int> SetlistPositions { get; init; } = [];

    /// <summary>What is wrong with its file, when something is.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Problem { get; init; }
}
