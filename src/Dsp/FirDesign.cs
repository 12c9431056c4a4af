namespace GruPedalPi.Dsp;

/// <summary>
/// Linear-phase lowpass FIR design by the Kaiser window method (windowed sinc), in double precision.
/// Frequencies are normalized to the filter's sample rate (0.5 is Nyquist).
/// </summary>
public static class FirDesign
{
    /// <summary>Kaiser's beta for a stopband attenuation in dB (attenuationDb 21..200).</summary>
    public static double KaiserBeta(double attenuationDb) => attenuationDb > 50
        ? 0.1102 * (attenuationDb - 8.7)
        : attenuationDb >= 21 ? (0.5842 * Math.Pow(attenuationDb - 21, 0.4)) + (0.07886 * (attenuationDb - 21)) : 0;

    /// <summary>Kaiser's estimate of the length (odd) for an attenuation in dB and a transition width (normalized, 0..0.5).</summary>
    public static int KaiserLength(double attenuationDb, double transitionWidth)
    {
        int n = (int)Math.Ceiling(((attenuationDb - 7.95) / (14.36 * transitionWidth)) + 1);
        return n | 1;
    }

    /// <summary>
    /// A lowpass of odd <paramref name="length"/> with its -6 dB point at <paramref name="cutoff"/> (normalized, 0..0.5),
    /// Kaiser window <paramref name="beta"/>, scaled to unity gain at DC. With cutoff 0.25 and length 4M-1 it is a
    /// halfband filter: every second tap is exactly zero and the centre tap is exactly 0.5.
    /// </summary>
    public static double[] KaiserLowpass(int length, double cutoff, double beta)
    {
        if (length < 1 || length % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The FIR length must be odd and positive.");
        }

        if (cutoff <= 0 || cutoff >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "The cutoff must lie in (0, 0.5).");
        }

        int centre = (length - 1) / 2;
        var taps = new double[length];
        double i0Beta = BesselI0(beta);
        bool halfband = cutoff == 0.25;
        for (int n = 0; n < length; n++)
        {
            int m = n - centre;
            if (halfband && m != 0 && m % 2 == 0)
            {
                continue;
            }

            double sinc = m == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            double r = centre == 0 ? 0 : (double)m / centre;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (r * r)))) / i0Beta;
            taps[n] = sinc * window;
        }

        double sum = 0;
        foreach (double t in taps)
        {
            sum += t;
        }

        for (int n = 0; n < length; n++)
        {
            taps[n] /= sum;
        }

        if (halfband)
        {
            taps[centre] = 0.5; // exact after normalization up to rounding; make it exact
        }

        return taps;
    }

    /// <summary>The modified Bessel function of the first kind, order 0 (power series, converges for every x).</summary>
    public static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++)
        {
            term *= q / (k * (double)k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }

    /// <summary>Magnitude response of real taps at a normalized frequency (0..0.5), linear.</summary>
    public static double Magnitude(ReadOnlySpan<double> taps, double frequency)
    {
        double re = 0, im = 0;
        for (int n = 0; n < taps.Length; n++)
        {
            re += taps[n] * Math.Cos(2 * Math.PI * frequency * n);
            im -= taps[n] * Math.Sin(2 * Math.PI * frequency * n);
        }

        return Math.Sqrt((re * re) + (im * im));
    }
}
