namespace GruPedalPi.Firmware.Presets;

/// <summary>A preset or set-list operation the player asked for that cannot be done; nothing was changed.</summary>
public sealed class PresetLibraryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">A stable code for scripts, one of <see cref="Core.ErrorCodes"/> (not_found, exists, read_only, invalid_name, invalid_argument, bad_setlist, io_error).</param>
    /// <param name="message">What happened, naming the preset or file.</param>
    public PresetLibraryException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The stable code (see the constructor).</summary>
    public string Code { get; }
}
