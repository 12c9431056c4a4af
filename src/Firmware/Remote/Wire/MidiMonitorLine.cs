namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>One message of <c>midi.monitor</c>.</summary>
public sealed record MidiMonitorLine
{
    /// <summary>Its sequence number.</summary>
    public long Seq { get; init; }

    /// <summary>The message for a person ("CC 7 = 64").</summary>
    public string Text { get; init; } = "";

    /// <summary>1..16.</summary>
    public int Channel { get; init; }
}
