namespace GruPedalPi.Firmware.Configuration;

/// <summary>How the knobs are read and filtered (<c>"knobScan"</c>). LSB values are steps of a 0..1023 scale, whatever the ADC.</summary>
public sealed class KnobScanConfig
{
    /// <summary>Time between two scans of all knobs, 1..10 ms (each knob at least 100 Hz). The ADS1115 needs
    /// about 1.2 ms per knob per scan.</summary>
    public double IntervalMs { get; set; } = 2;

    /// <summary>Time constant of the smoother, 0..50 ms.</summary>
    public double SmoothingMs { get; set; } = 3;

    /// <summary>Dead band, 0.5..64 LSB: at least twice the resting noise's amplitude (4 holds +/-2 LSB still).</summary>
    public double HysteresisLsb { get; set; } = 4;

    /// <summary>Travel at each end that gives exactly the range's end, 0..10 %.</summary>
    public double EndZonePercent { get; set; } = 2;
}
