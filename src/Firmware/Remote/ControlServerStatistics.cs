namespace GruPedalPi.Firmware.Remote;

/// <summary>Counters of the control server (lock-free; read them at any time).</summary>
public sealed class ControlServerStatistics
{
    internal long _connections;
    internal long _rejectedBusy;
    internal long _requests;
    internal long _errorResponses;
    internal long _malformed;
    internal long _closedIdle;
    internal long _closedTooLong;
    internal long _closedAbusive;
    internal long _closedUnread;
    internal long _handlerBytesAllocated;
    internal long _activeClients;
    internal long _acceptBytesAllocated;

    /// <summary>Connections accepted.</summary>
    public long Connections => Interlocked.Read(ref _connections);
    /// <summary>Connections refused because every client slot was taken.</summary>
    public long RejectedBusy => Interlocked.Read(ref _rejectedBusy);
    /// <summary>Request lines answered.</summary>
    public long Requests => Interlocked.Read(ref _requests);
    /// <summary>Requests answered with an error.</summary>
    public long ErrorResponses => Interlocked.Read(ref _errorResponses);
    /// <summary>Requests that were not a valid JSON request object.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);
    /// <summary>Connections closed because the client was idle or too slow to finish a line.</summary>
    public long ClosedIdle => Interlocked.Read(ref _closedIdle);
    /// <summary>Connections closed because a line exceeded <see cref="ControlProtocol.MaxLineBytes"/>.</summary>
    public long ClosedTooLong => Interlocked.Read(ref _closedTooLong);
    /// <summary>Connections closed after too many malformed requests in a row.</summary>
    public long ClosedAbusive => Interlocked.Read(ref _closedAbusive);
    /// <summary>Connections closed because the client did not read its responses within the send timeout (or went away).</summary>
    public long ClosedUnread => Interlocked.Read(ref _closedUnread);
    /// <summary>Bytes allocated on the server's client threads while handling requests and sending responses.</summary>
    public long HandlerBytesAllocated => Interlocked.Read(ref _handlerBytesAllocated);
    /// <summary>Bytes allocated on the accept thread (accepting, refusing busy clients, handing connections over).</summary>
    public long AcceptBytesAllocated => Interlocked.Read(ref _acceptBytesAllocated);
    /// <summary>Clients connected now.</summary>
    public long ActiveClients => Interlocked.Read(ref _activeClients);
}
