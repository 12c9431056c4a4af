namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>expression.calibrate</c>: the calibration saved.</summary>
public sealed record ExpressionCalibrateResponse : ControlResponse
{
    /// <summary>The heel-down reading, 0..1023.</summary>
    public double Heel { get; init; }

    /// <summary>The toe-down reading, 0..1023.</summary>
    public double Toe { get; init; }
}
