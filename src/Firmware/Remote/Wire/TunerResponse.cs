namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>tuner</c>: the tuner's state.</summary>
public sealed record TunerResponse : ControlResponse
{
    /// <summary>The tuner.</summary>
    public TunerStatus Tuner { get; init; } = new();
}
