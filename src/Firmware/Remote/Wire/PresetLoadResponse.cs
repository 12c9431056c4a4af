namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>preset.load</c>: the preset now playing.</summary>
public sealed record PresetLoadResponse : ControlResponse
{
    /// <summary>Its name.</summary>
    public string Preset { get; init; } = "";
}
