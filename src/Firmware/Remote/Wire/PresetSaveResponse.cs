namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>preset.save</c>: the file written.</summary>
public sealed record PresetSaveResponse : ControlResponse
{
    /// <summary>The preset's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The file's name in the presets folder.</summary>
    public string File { get; init; } = "";

    /// <summary>Whether it replaces a factory preset of that name.</summary>
    public bool OverridesFactory { get; init; }
}
