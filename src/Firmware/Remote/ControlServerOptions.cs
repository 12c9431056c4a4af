namespace GruPedalPi.Firmware.Remote;

/// <summary>Limits of the control server.</summary>
public sealed record ControlServerOptions
{
    /// <summary>Clients served at once (1..64, default 8); more are answered "busy" and closed.</summary>
    public int MaxClients { get; init; } = 8;

    /// <summary>A connection with no request for this long is closed (default 60 s).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A request line must be complete this long after its first byte (default 5 s): slow clients are closed.</summary>
    public TimeSpan LineTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Sending one response may block this long on a client that does not read (default 2 s).</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Malformed requests in a row after which the connection is closed (default 3).</summary>
    public int MaxMalformedInRow { get; init; } = 3;

    /// <summary>Also counts the bytes allocated while handling requests (<see cref="ControlServerStatistics.HandlerBytesAllocated"/>); default on.</summary>
    public bool MeasureAllocations { get; init; } = true;
}
