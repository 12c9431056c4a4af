namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>ping</c>: the protocol version the service speaks.</summary>
public sealed record PingResponse : ControlResponse
{
    /// <summary>The protocol version (1).</summary>
    public int Protocol { get; init; }
}
