namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>expression.read</c>: the pedal's raw reading.</summary>
public sealed record ExpressionReadResponse : ControlResponse
{
    /// <summary>0..1023.</summary>
    public double Reading { get; init; }
}
