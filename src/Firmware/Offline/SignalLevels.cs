namespace GruPedalPi.Firmware.Offline;

/// <summary>Peak and RMS level of a signal.</summary>
/// <param name="PeakDbfs">Largest absolute sample, dB relative to full scale (1.0).</param>
/// <param name="RmsDbfs">Root-mean-square level, dB relative to full scale.</param>
public sealed record SignalLevels(double PeakDbfs, double RmsDbfs)
{
    /// <summary>Peak minus RMS, in dB: lower means more compressed (distortion squashes the crest).</summary>
    public double CrestDb => PeakDbfs - RmsDbfs;

    /// <summary>Measures <paramref name="samples"/> (-inf dB for silence).</summary>
    public static SignalLevels Measure(ReadOnlySpan<float> samples)
    {
        double peak = 0;
        double sum = 0;
        foreach (var s in samples)
        {
            peak = Math.Max(peak, Math.Abs(s));
            sum += (double)s * s;
        }

        double rms = samples.Length > 0 ? Math.Sqrt(sum / samples.Length) : 0;
        return new SignalLevels(20 * Math.Log10(peak), 20 * Math.Log10(rms));
    }
}
