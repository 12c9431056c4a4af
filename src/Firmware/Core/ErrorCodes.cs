namespace GruPedalPi.Firmware.Core;

/// <summary>
/// The stable error codes of the control protocol (<c>"error": {"code", "message"}</c>), the one place they are
/// spelled: the socket server, the preset library's errors and the command line's exit codes all use these, and a
/// test holds docs/presets-and-protocol.md to this list. Scripts match on the code; the message is for people.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The line is not a request (not JSON, a field of the wrong type, an unknown or missing field).</summary>
    public const string BadRequest = "bad_request";

    /// <summary>The request's protocol version (<c>v</c>) is not 1.</summary>
    public const string UnsupportedVersion = "unsupported_version";

    /// <summary>The <c>cmd</c> is not a command of the protocol.</summary>
    public const string UnknownCommand = "unknown_command";

    /// <summary>The <c>param</c> (or a MIDI learn target) names no parameter.</summary>
    public const string UnknownParameter = "unknown_parameter";

    /// <summary>A value outside its documented range.</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>No preset (or set-list entry) of that name or position.</summary>
    public const string NotFound = "not_found";

    /// <summary>A user preset of that name exists already (and replace was false, or a rename would overwrite it).</summary>
    public const string Exists = "exists";

    /// <summary>A factory preset cannot be deleted or renamed.</summary>
    public const string ReadOnly = "read_only";

    /// <summary>A preset name that cannot be used (empty, too long, control characters).</summary>
    public const string InvalidName = "invalid_name";

    /// <summary>An argument that is not usable (a position outside the set list, a set list over its size limit).</summary>
    public const string InvalidArgument = "invalid_argument";

    /// <summary>A preset object that does not follow the preset format.</summary>
    public const string InvalidPreset = "invalid_preset";

    /// <summary>The set list's file is broken, so it cannot be edited (replace it as a whole instead).</summary>
    public const string BadSetList = "bad_setlist";

    /// <summary>A file could not be read or written (disk full, permissions).</summary>
    public const string IoError = "io_error";

    /// <summary>The command needs the running service (or the part of it named in the message).</summary>
    public const string NotRunning = "not_running";

    /// <summary>MIDI learn waited for a Control Change that did not come.</summary>
    public const string Timeout = "timeout";

    /// <summary>Too many clients at once: the connection is closed after this answer.</summary>
    public const string Busy = "busy";

    /// <summary>A request line longer than 64 KiB: the connection is closed after this answer.</summary>
    public const string TooLong = "too_long";

    /// <summary>The service failed to handle the request (a bug: the log has the details).</summary>
    public const string Internal = "internal";

    /// <summary>Every code, in the order the protocol's documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        BadRequest, UnsupportedVersion, UnknownCommand, UnknownParameter, OutOfRange, NotFound, Exists, ReadOnly,
        InvalidName, InvalidArgument, InvalidPreset, BadSetList, IoError, NotRunning, Timeout, Busy, TooLong, Internal,
    ];
}
