using System.Text.Json;
using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>preset.show</c>: one preset as in its file.</summary>
public sealed record PresetShowResponse : ControlResponse
{
    /// <summary>The preset object, as a file holds it (docs/presets-and-protocol.md).</summary>
    public JsonElement Preset { get; init; }

    /// <summary>factory, user or user_overrides_factory (a user file replacing a factory preset).</summary>
    public string Origin { get; init; } = "";

    /// <summary>The file's name in the presets folder; null for a factory preset (written as null, not left out).</summary>
    public string? File { get; init; }

    /// <summary>What is wrong with its file, when something is.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Problem { get; init; }
}
