namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The knob that drives a parameter, in <c>monitor</c>.</summary>
public sealed record KnobStatus
{
    /// <summary>The knob, 0..</summary>
    public int Index { get; init; }

    /// <summary>Where it is, 0..1.</summary>
    public double Position { get; init; }

    /// <summary>Whether it waits for pickup (the value was changed elsewhere).</summary>
    public bool Waiting { get; init; }
}
