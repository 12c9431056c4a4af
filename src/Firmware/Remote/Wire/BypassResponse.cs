namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>bypass</c>: the new state.</summary>
public sealed record BypassResponse : ControlResponse
{
    /// <summary>Whether the effect is now bypassed.</summary>
    public bool Bypassed { get; init; }
}
