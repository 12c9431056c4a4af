namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>preset.rm</c>: the file removed.</summary>
public sealed record PresetRemoveResponse : ControlResponse
{
    /// <summary>The preset's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Whether a factory preset of that name is back.</summary>
    public bool FactoryRestored { get; init; }
}
