using System.Globalization;
using GruPedalPi.Dsp;
using ScottPlot;

namespace GruPedalPi.Firmware.Plotting;

/// <summary>
/// The seed's harmonic response: the magnitude spectrum (dB, 0 dB at the largest bin, log frequency axis) of a
/// 100 Hz sine at gain 2 through the raw unit from rest, 4410 samples at 44.1 kHz (exactly 10 periods, 10 Hz bins,
/// rectangular window). Because the length is a whole number of periods the harmonics fall on bins without leakage;
/// the smooth skirt under them is the unit's start-up transient from rest, as in the seed's figures.
/// </summary>
public static class HarmonicsFigure
{
    /// <summary>The seed's sine amplitude.</summary>
    public const double DefaultGain = 2;

    /// <summary>Samples analysed: 10 periods of 100 Hz at 44.1 kHz (the seed's reference length).</summary>
    public const int AnalysisSamples = 4096;

    /// <summary>Lowest level drawn, in dB (float rounding noise lies near -140 dB).</summary>
    public const double FloorDb = -140;

    /// <summary>Computes the spectrum: bin frequencies in Hz (from the first bin above 0 Hz to half the rate) and
    /// magnitudes in dB relative to the largest bin, floored at <see cref="FloorDb"/>.</summary>
    /// <param name="settings">The unit's parameters (only wf, wh, uf, uh, bf are used).</param>
    /// <param name="gain">Sine amplitude.</param>
    /// <param name="frequencyHz">Sine frequency in Hz.</param>
    /// <param name="sampleRateHz">Sample rate in Hz.</param>
    /// <param name="samples">Samples analysed (a whole number of periods avoids leakage).</param>
    public static (double[] FrequenciesHz, double[] MagnitudesDb) Compute(in PedalSettings settings, double gain = DefaultGain,
        double frequencyHz = CurveFigure.DefaultFrequencyHz, double sampleRateHz = CurveFigure.DefaultSampleRateHz,
        int samples = AnalysisSamples)
    {
        var (_, y) = CurveFigure.Compute(settings, gain, frequencyHz, sampleRateHz, samples);
        var magnitude = DftMagnitudes(y);
        double peak = magnitude.Skip(1).Max();
        var frequencies = new double[magnitude.Length - 1];
        var db = new double[magnitude.Length - 1];
        for (int k = 1; k < magnitude.Length; k++)
        {
            frequencies[k - 1] = k * sampleRateHz / samples;
            double level = 20 * Math.Log10(magnitude[k] / peak);
            db[k - 1] = double.IsFinite(level) ? Math.Max(level, FloorDb) : FloorDb;
        }

        return (frequencies, db);
    }

    /// <summary>Magnitudes of the discrete Fourier transform of <paramref name="x"/> at bins 0..N/2, for any length N
    /// (a direct transform over a table of twiddle factors: exact bins at 10 Hz for the seed's 4410 samples, where a
    /// power-of-two FFT would have to leak or resample).</summary>
    public static double[] DftMagnitudes(ReadOnlySpan<float> x)
    {
        int n = x.Length;
        var cos = new double[n];
        var sin = new double[n];
        for (int m = 0; m < n; m++)
        {
            cos[m] = Math.Cos(2 * Math.PI * m / n);
            sin[m] = Math.Sin(2 * Math.PI * m / n);
        }

        var magnitudes = new double[(n / 2) + 1];
        for (int k = 0; k < magnitudes.Length; k++)
        {
            double re = 0;
            double im = 0;
            int index = 0;
            for (int i = 0; i < n; i++)
            {
                re += x[i] * cos[index];
                im -= x[i] * sin[index];
                index += k;
                if (index >= n)
                {
                    index -= n;
                }
            }

            magnitudes[k] = Math.Sqrt((re * re) + (im * im));
        }

        return magnitudes;
    }

    /// <summary>Draws the spectrum and saves it as a PNG.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="settings">The unit's parameters.</param>
    /// <param name="gain">Sine amplitude (the seed: 2).</param>
    /// <param name="title">Title, or null for "GRU Distortion Harmonic Response (settings)".</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void Save(string path, in PedalSettings settings, double gain, string? title,
        int width = FigureStyle.DefaultWidth, int height = FigureStyle.DefaultHeight)
    {
        var (f, db) = Compute(settings, gain);
        var plot = new Plot();
        FigureStyle.Apply(plot, title ?? $"GRU Distortion Harmonic Response ({CurveFigure.Describe(settings)})",
            "Frequency [Hz]", "Magnitude [dB]");
        var line = plot.Add.ScatterLine(Array.ConvertAll(f, Math.Log10), db);
        line.Color = FigureStyle.Palette[0];
        line.LineWidth = 1.5f;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => Math.Pow(10, v).ToString("0", CultureInfo.InvariantCulture),
        };
        plot.Axes.SetLimitsX(Math.Log10(f[0]) - 0.05, Math.Log10(f[^1]) + 0.05);
        plot.Axes.SetLimitsY(db.Min() - 5, 5);
        FigureStyle.SavePng(plot, path, width, height);
    }
}
