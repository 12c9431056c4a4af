namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>midi.learn</c>: the Control Change now mapped.</summary>
public sealed record MidiLearnResponse : ControlResponse
{
    /// <summary>The controller number, 0..127.</summary>
    public int Cc { get; init; }

    /// <summary>The parameter or action it drives.</summary>
    public string Target { get; init; } = "";
}
