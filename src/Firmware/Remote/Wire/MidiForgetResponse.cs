namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>midi.forget</c>: the Control Change unmapped.</summary>
public sealed record MidiForgetResponse : ControlResponse
{
    /// <summary>The controller number, 0..127.</summary>
    public int Cc { get; init; }
}
