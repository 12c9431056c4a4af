using System.Numerics;

namespace GruPedalPi.Dsp;

/// <summary>
/// Minimum-phase FIR design by the homomorphic (cepstral) method, in double precision, at construction time only.
/// From a linear-phase prototype H designed with twice the wanted attenuation in dB, it returns the minimum-phase
/// filter G of about half the length with |G| = sqrt(|H|): the same band edges, half the attenuation in dB, and the
/// least group delay any causal filter with that magnitude can have (its phase is the Hilbert transform of ln|G|).
/// </summary>
public static class MinimumPhase
{
    /// <summary>FFT size of the cepstrum (a power of two, far above the filter lengths used, so cepstral aliasing is
    /// below the float32 noise floor).</summary>
    public const int FftSize = 1 << 16;

    /// <summary>
    /// The minimum-phase spectral root of a linear-phase lowpass: (N+1)/2 taps (made odd by a trailing zero tap when
    /// needed), scaled to unity gain at DC. prototype: 3..8191 taps with unity DC gain.
    /// </summary>
    public static double[] FromLinearPhase(ReadOnlySpan<double> prototype)
    {
        if (prototype.Length < 3 || prototype.Length > FftSize / 8)
        {
            throw new ArgumentOutOfRangeException(nameof(prototype), prototype.Length, "The prototype must have 3..8191 taps.");
        }

        var spectrum = new Complex[FftSize];
        for (int n = 0; n < prototype.Length; n++)
        {
            spectrum[n] = new Complex(prototype[n], 0);
        }

        FftSharp.FFT.Forward(spectrum);

        // ln|G| = ln|H| / 2, floored at -300 dB of |H| (the prototype's stopband zeros lie on the unit circle).
        for (int k = 0; k < FftSize; k++)
        {
            spectrum[k] = new Complex(0.5 * Math.Log(Math.Max(spectrum[k].Magnitude, 1e-15)), 0);
        }

        FftSharp.FFT.Inverse(spectrum); // the real cepstrum (even)

        // Fold the cepstrum onto n >= 0: the causal part of the cepstrum is the minimum-phase one.
        for (int n = 1; n < FftSize / 2; n++)
        {
            spectrum[n] = new Complex(2 * spectrum[n].Real, 0);
        }

        spectrum[0] = new Complex(spectrum[0].Real, 0);
        spectrum[FftSize / 2] = new Complex(spectrum[FftSize / 2].Real, 0);
        for (int n = (FftSize / 2) + 1; n < FftSize; n++)
        {
            spectrum[n] = Complex.Zero;
        }

        FftSharp.FFT.Forward(spectrum);
        for (int k = 0; k < FftSize; k++)
        {
            spectrum[k] = Complex.Exp(spectrum[k]);
        }

        FftSharp.FFT.Inverse(spectrum);

        int length = (prototype.Length + 1) / 2;
        var taps = new double[length | 1];
        double sum = 0;
        for (int n = 0; n < length; n++)
        {
            taps[n] = spectrum[n].Real;
            sum += taps[n];
        }

        for (int n = 0; n < length; n++)
        {
            taps[n] /= sum;
        }

        return taps;
    }

    /// <summary>Group delay in samples of real taps at a normalized frequency (0..0.5): Re(sum n h[n] e^-jwn / sum h[n] e^-jwn).</summary>
    public static double GroupDelay(ReadOnlySpan<double> taps, double frequency)
    {
        Complex h = Complex.Zero, nh = Complex.Zero;
        for (int n = 0; n < taps.Length; n++)
        {
            var e = Complex.FromPolarCoordinates(1, -2 * Math.PI * frequency * n);
            h += taps[n] * e;
            nh += n * taps[n] * e;
        }

        return (nh / h).Real;
    }
}
