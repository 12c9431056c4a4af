namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// The control protocol: one JSON object per line (UTF-8, '\n'-terminated) each way over a Unix stream socket.
/// Request: <c>{"v":1,"id":7,"cmd":"set","param":"wh","value":2.5}</c>.
/// Response: <c>{"v":1,"id":7,"ok":true,"service":true,...}</c> or
/// <c>{"v":1,"id":7,"ok":false,"service":true,"error":{"code":"out_of_range","message":"..."}}</c>.
/// </summary>
public static class ControlProtocol
{
    /// <summary>The protocol version this program speaks (the "v" field).</summary>
    public const int Version = 1;

    /// <summary>The longest request line, in bytes, without its newline (64 KiB).</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>The socket's path on the Pi.</summary>
    public const string DefaultSocketPath = "/run/gru-pedal/control.sock";

    /// <summary>The environment variable that overrides the socket's path.</summary>
    public const string SocketEnvironmentVariable = "GRU_PEDAL_SOCKET";

    /// <summary>The data folder on the Pi (presets/, setlist.json, state.json).</summary>
    public const string DefaultDataDirectory = "/var/lib/gru-pedal";

    /// <summary>The environment variable that overrides the data folder.</summary>
    public const string DataDirectoryEnvironmentVariable = "GRU_PEDAL_DATA_DIR";

    /// <summary>The socket path: the option if given, else $GRU_PEDAL_SOCKET, else the configured one, else the default.</summary>
    public static string ResolveSocketPath(string? option, string? configured = null) =>
        Pick(option, Environment.GetEnvironmentVariable(SocketEnvironmentVariable), configured, DefaultSocketPath);

    /// <summary>The data folder: the option if given, else $GRU_PEDAL_DATA_DIR, else the configured one, else the default.</summary>
    public static string ResolveDataDirectory(string? option, string? configured = null) =>
        Pick(option, Environment.GetEnvironmentVariable(DataDirectoryEnvironmentVariable), configured, DefaultDataDirectory);

    private static string Pick(string? a, string? b, string? c, string fallback) =>
        !string.IsNullOrWhiteSpace(a) ? a : !string.IsNullOrWhiteSpace(b) ? b : !string.IsNullOrWhiteSpace(c) ? c : fallback;
}
