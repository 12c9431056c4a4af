namespace GruPedalPi.Hardware.Controls;

/// <summary>Settings of the knob filter, in 10-bit ADC steps (LSB of a 0..1023 scale) whatever the converter.</summary>
/// <param name="ScanIntervalMs">Time between two readings of the same knob, 0.5..10 ms (at least 100 Hz).</param>
/// <param name="SmoothingMs">Time constant of the one-pole smoother after the median, 0..50 ms (0 = none).</param>
/// <param name="HysteresisLsb">Dead band, 0.5..64 LSB: the output moves only when the smoothed reading leaves it.
/// Resting noise of +/-n LSB never moves the output when this is at least 2n.</param>
/// <param name="EndZonePercent">Travel at each end that snaps to exactly the end, 0..10 % (pots rarely reach 0 or 1023).</param>
public readonly record struct KnobFilterSettings(
    double ScanIntervalMs = 2,
    double SmoothingMs = 3,
    double HysteresisLsb = 4,
    double EndZonePercent = 2)
{
    /// <summary>The defaults: 2 ms scans, 3 ms smoothing, 4 LSB dead band, 2 % end zones.</summary>
    public KnobFilterSettings()
        : this(2, 3, 4, 2)
    {
    }
}
