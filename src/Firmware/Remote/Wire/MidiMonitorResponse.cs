namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>midi.monitor</c>: the messages since a sequence number.</summary>
public sealed record MidiMonitorResponse : ControlResponse
{
    /// <summary>The <c>since</c> of the next request.</summary>
    public long Next { get; init; }

    /// <summary>The messages, oldest first.</summary>
    public IReadOnlyList<MidiMonitorLine> Messages { get; init; } = [];
}
