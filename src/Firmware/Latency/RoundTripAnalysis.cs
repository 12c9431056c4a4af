namespace GruPedalPi.Firmware.Latency;

/// <summary>
/// Finds the delay of each repeat of a probe in a recording by cross-correlation (no I/O: the command records, this
/// judges). A repeat counts when its normalized correlation peak is at least <see cref="MinCorrelation"/>.
/// </summary>
public static class RoundTripAnalysis
{
    /// <summary>The least normalized correlation (0..1) at the peak for a repeat to count as the probe coming back.</summary>
    public const double MinCorrelation = 0.5;

    /// <summary>For each repeat r (the probe played from sample <c>starts[r]</c> of the output), the lag 0..maxLag at which
    /// the recording best matches the probe, and the normalized correlation there (1 is a perfect copy at any gain).</summary>
    public static (int Lag, double Correlation)[] Analyze(ReadOnlySpan<float> recording, ReadOnlySpan<float> probe, IReadOnlyList<int> starts, int maxLag)
    {
        var result = new (int, double)[starts.Count];
        double probeEnergy = 0;
        foreach (var p in probe)
        {
            probeEnergy += (double)p * p;
        }

        for (int r = 0; r < starts.Count; r++)
        {
            int best = -1;
            double bestValue = 0, bestEnergy = 0;
            for (int lag = 0; lag <= maxLag; lag++)
            {
                int from = starts[r] + lag;
                if (from + probe.Length > recording.Length)
                {
                    break;
                }

                var window = recording.Slice(from, probe.Length);
                double sum = 0;
                for (int i = 0; i < probe.Length; i++)
                {
                    sum += window[i] * probe[i];
                }

                if (best < 0 || Math.Abs(sum) > Math.Abs(bestValue))
                {
                    best = lag;
                    bestValue = sum;
                    bestEnergy = 0;
                    foreach (var w in window)
                    {
                        bestEnergy += (double)w * w;
                    }
                }
            }

            double correlation = best < 0 || bestEnergy <= 0 ? 0 : Math.Abs(bestValue) / Math.Sqrt(bestEnergy * probeEnergy);
            result[r] = (Math.Max(best, 0), correlation);
        }

        return result;
    }
}
