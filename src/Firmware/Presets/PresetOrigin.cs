namespace GruPedalPi.Firmware.Presets;

/// <summary>Where a preset comes from.</summary>
public enum PresetOrigin
{
    /// <summary>Ships with the program, read-only.</summary>
    Factory,
    /// <summary>A file in the presets folder.</summary>
    User,
    /// <summary>A file in the presets folder with the name of a factory preset, which it hides until it is deleted.</summary>
    UserOverridesFactory,
}
