namespace GruPedalPi.Dsp.Tests;

/// <summary>
/// Measures the voice: the levels of harmonics 2..10 (in dBc) of a 220 Hz sine at full scale through the chain's unit
/// (other stages neutral), by correlation over a whole number of periods (11 periods of 220 Hz are exactly 2400
/// samples at 48 kHz, 2205 at 44.1 kHz, 4800 at 96 kHz), after half a second of settling.
/// </summary>
public static class Voicing
{
    public const double F0Hz = 220;
    public const int Harmonics = 10;

    /// <summary>Harmonic levels in dBc at index 2..10; index 1 holds the fundamental's level in dBFS.</summary>
    public static double[] HarmonicsDbc(in PedalSettings settings, double rateHz, int factor, bool fastMath = true, bool matchStateAge = true, bool naive = false)
    {
        int periodBlock = (int)Math.Round(rateHz * 11 / F0Hz);
        int capture = 4 * periodBlock;
        int settle = (int)(rateHz / 2);
        var input = Signals.Sine(F0Hz, rateHz, settle + capture, 1.0);
        var options = new ChainOptions { OversamplingFactor = factor, FastMath = fastMath };
        var y = PedalChainTests.Process(options, input, settings, rateHz, matchStateAge, naive);
        var amplitudes = Signals.HarmonicAmplitudes(y, F0Hz, rateHz, capture, Harmonics);
        var dbc = new double[Harmonics + 1];
        dbc[1] = Signals.Db(amplitudes[1]);
        for (int k = 2; k <= Harmonics; k++)
        {
            dbc[k] = Signals.Db(amplitudes[k] / amplitudes[1]);
        }

        return dbc;
    }

    /// <summary>Largest difference in dB over the harmonics 2..10 that lie above -60 dBc in the reference.</summary>
    public static double WorstDifferenceDb(double[] reference, double[] other)
    {
        double worst = 0;
        for (int k = 2; k <= Harmonics; k++)
        {
            if (reference[k] > -60)
            {
                worst = Math.Max(worst, Math.Abs(reference[k] - other[k]));
            }
        }

        return worst;
    }

    public static PedalSettings Unit(float wf, float wh, float uf, float uh, float bf)
    {
        var s = PedalSettings.Defaults;
        s[ParameterId.Wf] = wf;
        s[ParameterId.Wh] = wh;
        s[ParameterId.Uf] = uf;
        s[ParameterId.Uh] = uh;
        s[ParameterId.Bf] = bf;
        return s;
    }
}
