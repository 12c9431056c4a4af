namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>preset.rename</c>: the new name.</summary>
public sealed record PresetRenameResponse : ControlResponse
{
    /// <summary>The preset's new name.</summary>
    public string Name { get; init; } = "";
}
