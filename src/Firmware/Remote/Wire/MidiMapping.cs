namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>One Control Change mapping of <c>midi.list</c>.</summary>
public sealed record MidiMapping
{
    /// <summary>The controller number, 0..127.</summary>
    public int Cc { get; init; }

    /// <summary>The parameter or action it drives.</summary>
    public string Target { get; init; } = "";

    /// <summary>config or learned.</summary>
    public string Origin { get; init; } = "";
}
