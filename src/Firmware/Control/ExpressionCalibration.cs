namespace GruPedalPi.Firmware.Control;

/// <summary>An expression pedal's travel as the ADC sees it, on the 0..1023 scale: most pedals never reach 0 and 1023
/// (<c>gru-pedal expression calibrate</c> measures them).</summary>
/// <param name="HeelRaw">The reading at the heel, 0..1023.</param>
/// <param name="ToeRaw">The reading at the toe, 0..1023, at least 16 away from the heel (either side: a reversed pedal works).</param>
public sealed record ExpressionCalibration(double HeelRaw, double ToeRaw)
{
    /// <summary>No calibration: the whole 0..1023 range.</summary>
    public static ExpressionCalibration Default { get; } = new(0, 1023);

    /// <summary>True when the two ends are usable.</summary>
    public bool IsValid => double.IsFinite(HeelRaw) && double.IsFinite(ToeRaw) && HeelRaw is >= 0 and <= 1023
        && ToeRaw is >= 0 and <= 1023 && Math.Abs(ToeRaw - HeelRaw) >= 16;

    /// <summary>The pedal's position 0 (heel) .. 1 (toe) for a reading on the 0..1023 scale (clamped).</summary>
    public double ToPosition(double raw) => Math.Clamp((raw - HeelRaw) / (ToeRaw - HeelRaw), 0, 1);
}
