using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>get</c>: the sound (from the saved state when the service is not running).</summary>
public sealed record PedalStateResponse : ControlResponse
{
    /// <summary>The current preset, or null.</summary>
    public string? Preset { get; init; }

    /// <summary>Whether the effect is bypassed.</summary>
    public bool Bypassed { get; init; }

    /// <summary>Whether the sound differs from the preset (the running service only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Modified { get; init; }

    /// <summary>Where the last change came from (the running service only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastChange { get; init; }

    /// <summary>saved_state or defaults (the files only, when the service is not running).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? From { get; init; }

    /// <summary>Parameter name to value (all, or the one asked for).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
}
