using System.Numerics;

namespace GruPedalPi.Dsp.Tests;

/// <summary>Test signals and spectral measurements.</summary>
public static class Signals
{
    public static float[] Sine(double frequencyHz, double sampleRateHz, int length, double amplitude)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRateHz));
        }

        return x;
    }

    /// <summary>Deterministic white noise, uniform in [-amplitude, amplitude].</summary>
    public static float[] Noise(int length, double amplitude, int seed)
    {
        var random = new Random(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(amplitude * ((2 * random.NextDouble()) - 1));
        }

        return x;
    }

    /// <summary>
    /// Amplitudes of the harmonics 1..count of f0 in the last <paramref name="length"/> samples, by correlation with sine
    /// and cosine. length must hold a whole number of periods (then the harmonics are exactly orthogonal).
    /// </summary>
    public static double[] HarmonicAmplitudes(ReadOnlySpan<float> y, double f0Hz, double sampleRateHz, int length, int count)
    {
        var result = new double[count + 1];
        var tail = y[^length..];
        for (int k = 1; k <= count; k++)
        {
            double re = 0, im = 0, w = 2 * Math.PI * k * f0Hz / sampleRateHz;
            for (int i = 0; i < length; i++)
            {
                re += tail[i] * Math.Cos(w * i);
                im += tail[i] * Math.Sin(w * i);
            }

            result[k] = 2 * Math.Sqrt((re * re) + (im * im)) / length;
        }

        return result;
    }

    /// <summary>
    /// Total alias energy relative to the fundamental, in dBc: the last fftSize samples (a coherent capture, f0 on bin
    /// f0Bin) through a rectangular-window FFT; everything that is not DC and not a harmonic k*f0 below Nyquist counts.
    /// </summary>
    public static double AliasDbc(ReadOnlySpan<float> y, int fftSize, int f0Bin)
    {
        var spectrum = PowerSpectrum(y[^fftSize..]);
        double fundamental = spectrum[f0Bin];
        double alias = 0;
        for (int bin = 1; bin < spectrum.Length; bin++)
        {
            if (bin % f0Bin == 0)
            {
                continue; // a harmonic below Nyquist
            }

            alias += spectrum[bin];
        }

        return 10 * Math.Log10(alias / fundamental);
    }

    /// <summary>One-sided power per bin 0..N/2 of a rectangular-window FFT.</summary>
    public static double[] PowerSpectrum(ReadOnlySpan<float> y)
    {
        var data = new Complex[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            data[i] = new Complex(y[i], 0);
        }

        FftSharp.FFT.Forward(data);
        var power = new double[(y.Length / 2) + 1];
        for (int bin = 0; bin < power.Length; bin++)
        {
            power[bin] = data[bin].Magnitude * data[bin].Magnitude;
        }

        return power;
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);
}
