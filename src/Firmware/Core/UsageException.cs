namespace GruPedalPi.Firmware.Core;

/// <summary>
/// A problem the user can fix (a missing file, a bad option value, an unsupported WAV encoding). The commands print
/// its one-line message and exit with code 2.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a one-line message that names the file, option or value at fault.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and the exception that revealed the problem.</summary>
    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The exit code of a usage error.</summary>
    public const int ExitCode = 2;
}
