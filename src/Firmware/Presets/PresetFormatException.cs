namespace GruPedalPi.Firmware.Presets;

/// <summary>A preset, set-list or state file that cannot be loaded; <see cref="Error"/> says where and why.</summary>
public sealed class PresetFormatException : Exception
{
    /// <summary>Creates the exception for an error.</summary>
    public PresetFormatException(PresetError error)
        : base(error.ToString())
    {
        Error = error;
    }

    /// <summary>Where and why.</summary>
    public PresetError Error { get; }
}
