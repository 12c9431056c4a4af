namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The <c>control</c> object of <c>status</c>: the socket's counters.</summary>
public sealed record ControlCounters
{
    /// <summary>Connections open now.</summary>
    public long Clients { get; init; }

    /// <summary>Connections accepted.</summary>
    public long Connections { get; init; }

    /// <summary>Requests answered.</summary>
    public long Requests { get; init; }

    /// <summary>Error responses.</summary>
    public long Errors { get; init; }

    /// <summary>Lines that were not a request.</summary>
    public long Malformed { get; init; }

    /// <summary>Connections refused because all clients were busy.</summary>
    public long RejectedBusy { get; init; }
}
