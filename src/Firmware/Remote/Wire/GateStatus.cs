namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The noise gate of <c>monitor</c>.</summary>
public sealed record GateStatus
{
    /// <summary>Whether the gate lets the sound through.</summary>
    public bool Open { get; init; }
}
