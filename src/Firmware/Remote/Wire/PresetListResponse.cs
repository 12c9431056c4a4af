namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>preset.list</c>: every preset and every problem.</summary>
public sealed record PresetListResponse : ControlResponse
{
    /// <summary>The current sound's preset, or null.</summary>
    public string? Current { get; init; }

    /// <summary>The presets, factory and user.</summary>
    public IReadOnlyList<PresetListEntry> Presets { get; init; } = [];

    /// <summary>The files that could not be read.</summary>
    public IReadOnlyList<PresetProblem> Problems { get; init; } = [];
}
