using System.Numerics;
using System.Runtime.InteropServices;

namespace GruPedalPi.Dsp;

/// <summary>
/// A monophonic pitch detector: YIN (de Cheveigné and Kawahara, 2002). Over a window of
/// <see cref="WindowLength"/> samples it computes the difference function d(τ) = Σ (x[j] - x[j+τ])² for j over the
/// first <see cref="IntegrationLength"/> samples and every lag τ up to <see cref="MaxLag"/>, the cumulative mean
/// normalised difference d'(τ) = d(τ)·τ / Σ d(1..τ), takes the first dip of d' under the absolute threshold (walking
/// down to its local minimum), and refines that lag by a parabola through d at the minimum and its two neighbours.
/// <para>Range: <see cref="MinFrequencyHz"/>..<see cref="MaxFrequencyHz"/> (38..1400 Hz: a semitone below a bass's or a
/// drop-tuned 7-string's low E1 = 41.2 Hz up to above E6 = 1318.5 Hz). The integration length is one period of
/// 38 Hz, so the window (integration plus the largest lag) holds 2.2 periods of 41.2 Hz: 52.6 ms at 48 kHz, 52.7 ms at
/// 44.1 kHz. No decimation: at 1318.5 Hz a period is only 36 samples at 48 kHz, and the parabola's bias at a quarter
/// of that lag resolution would be about 1.5 cents; at full rate it is below 0.05 cent, and the cost (about
/// 1.6 million multiply-adds per detection, vectorised) is small off the audio thread.</para>
/// <para>Maximum error, measured by the tests (docs/tuner.md): 0.18 cent on sines at -12 dBFS with noise at -60 dBFS
/// (worst at 41.2 Hz), 0.48 cent on tones of 8 harmonics, from 41.2 to 1318.5 Hz at 44.1 and 48 kHz; the issue's
/// bound is 1 cent. Below 38 Hz or above 1400 Hz there is no detection, and quieter or noisier tones read worse. Octave errors: the first dip under the threshold is the smallest
/// period, i.e. never a subharmonic (2τ and 3τ dip as deeply on a periodic signal but come later); a harmonic
/// (τ/2) dips under the threshold only when the fundamental is almost absent, which a string's is not; a dip that
/// is not clearly the best (more than <see cref="OctaveMargin"/> above the deepest dip at a multiple of its lag) is
/// passed over for that deeper one.</para>
/// <para>Allocation: every buffer in the constructor; <see cref="TryDetect"/> allocates nothing, takes no lock and
/// throws nothing.</para>
/// </summary>
public sealed class PitchDetector
{
    /// <summary>The lowest frequency detected, in Hz.</summary>
    public const double MinFrequencyHz = 38.0;

    /// <summary>The highest frequency detected, in Hz.</summary>
    public const double MaxFrequencyHz = 1400.0;

    /// <summary>The default absolute threshold on d' (the YIN paper's 0.1..0.15).</summary>
    public const float DefaultThreshold = 0.15f;

    /// <summary>The octave guard: the chosen dip gives way to a dip at a multiple of its lag only when that one is
    /// deeper by more than this (in d'). Not less: the dips sit between integer lags, and a high note's dip at its
    /// period, sampled half a lag off its centre, can read a few hundredths above its dip at twice the period.</summary>
    public const float OctaveMargin = 0.1f;

    private readonly float[] _difference; // d(τ), τ = 0..MaxLag+1
    private readonly float[] _normalized; // d'(τ)
    private readonly int _sampleRateHz;
    private readonly int _minLag;
    private readonly int _maxLag;
    private readonly int _integration;
    private readonly float _threshold;

    /// <summary>Allocates the detector for a sample rate.</summary>
    /// <param name="sampleRateHz">Sample rate in Hz, 8000..192000 (44100 and 48000 are the tested ones).</param>
    /// <param name="threshold">Absolute threshold on the cumulative mean normalised difference, 0.01..0.5 (no unit);
    /// lower rejects more noisy or inharmonic signals. Default 0.15.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter outside its range.</exception>
    public PitchDetector(int sampleRateHz, float threshold = DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRateHz, 192000);
        if (!(threshold >= 0.01f && threshold <= 0.5f))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be 0.01..0.5.");
        }

        _sampleRateHz = sampleRateHz;
        _threshold = threshold;
        _minLag = Math.Max(2, (int)Math.Floor(sampleRateHz / MaxFrequencyHz));
        _maxLag = (int)Math.Ceiling(sampleRateHz / MinFrequencyHz);
        _integration = _maxLag;
        _difference = new float[_maxLag + 2];
        _normalized = new float[_maxLag + 2];
    }

    /// <summary>The sample rate in Hz.</summary>
    public int SampleRateHz => _sampleRateHz;

    /// <summary>The samples <see cref="TryDetect"/> reads: integration length plus the largest lag plus one.</summary>
    public int WindowLength => _integration + _maxLag + 1;

    /// <summary>The number of samples summed for each lag (one period of <see cref="MinFrequencyHz"/>).</summary>
    public int IntegrationLength => _integration;

    /// <summary>The largest lag, in samples (a period of <see cref="MinFrequencyHz"/>).</summary>
    public int MaxLag => _maxLag;

    /// <summary>The smallest lag, in samples (a period of <see cref="MaxFrequencyHz"/>).</summary>
    public int MinLag => _minLag;

    /// <summary>
    /// Detects the pitch of the last <see cref="WindowLength"/> samples of <paramref name="window"/> (samples in
    /// -1..1 full scale, finite).
    /// </summary>
    /// <param name="window">At least <see cref="WindowLength"/> samples, oldest first; a shorter window gives false.</param>
    /// <param name="frequencyHz">The fundamental in Hz, 38..1400, when true; 0 otherwise.</param>
    /// <param name="clarity">1 - d' at the chosen dip, 0..1 (1 for a perfectly periodic signal; under
    /// 1 - threshold means no pitch); the best dip's clarity when false, 0 for silence.</param>
    /// <returns>True when a dip under the threshold was found inside the range.</returns>
    public bool TryDetect(ReadOnlySpan<float> window, out float frequencyHz, out float clarity)
    {
        frequencyHz = 0f;
        clarity = 0f;
        int length = WindowLength;
        if (window.Length < length)
        {
            return false;
        }

        var x = window[^length..];
        int w = _integration;
        int maxLag = _maxLag + 1;
        var d = _difference;
        d[0] = 0f;
        for (int tau = 1; tau <= maxLag; tau++)
        {
            d[tau] = SumOfSquaredDifferences(x[..w], x.Slice(tau, w));
        }

        // Cumulative mean normalised difference (in double: the running sum spans ~1200 terms).
        var dn = _normalized;
        dn[0] = 1f;
        double running = 0;
        float best = float.MaxValue;
        for (int tau = 1; tau <= maxLag; tau++)
        {
            running += d[tau];
            dn[tau] = running > 1e-20 ? (float)(d[tau] * tau / running) : 1f;
            if (tau >= _minLag && tau < maxLag && dn[tau] < best)
            {
                best = dn[tau];
            }
        }

        clarity = Math.Clamp(1f - best, 0f, 1f);
        if (running <= 1e-20)
        {
            clarity = 0f;
            return false;
        }

        // The first dip under the threshold, walked down to its local minimum.
        int chosen = -1;
        for (int tau = 2; tau < maxLag; tau++)
        {
            if (dn[tau] < _threshold)
            {
                while (tau + 1 < maxLag && dn[tau + 1] < dn[tau])
                {
                    tau++;
                }

                chosen = tau;
                break;
            }
        }

        if (chosen < _minLag)
        {
            // No dip, or one above the range (a pitch over 1400 Hz).
            return false;
        }

        // Octave guard: a deeper dip at a multiple of the chosen lag (within k samples) wins only when the chosen one is
        // clearly shallower; on a periodic signal the multiples dip about as deep, so they never win.
        float chosenValue = dn[chosen];
        for (int k = 2; k * chosen <= _maxLag; k++)
        {
            int centre = k * chosen;
            int lo = Math.Max(_minLag, centre - k), hi = Math.Min(maxLag - 1, centre + k);
            int at = centre;
            for (int tau = lo; tau <= hi; tau++)
            {
                if (dn[tau] < dn[at])
                {
                    at = tau;
                }
            }

            if (dn[at] + OctaveMargin < chosenValue && at > lo && at < hi)
            {
                chosen = at;
                chosenValue = dn[at];
            }
        }

        if (chosen >= _maxLag)
        {
            return false; // the dip runs off the lowest end of the range
        }

        // Parabolic interpolation on d (not d': d's minimum is not biased by the normalisation).
        double a = d[chosen - 1], b = d[chosen], c = d[chosen + 1];
        double curvature = a - (2 * b) + c;
        double shift = curvature > 0 ? 0.5 * (a - c) / curvature : 0.0;
        shift = Math.Clamp(shift, -1.0, 1.0);
        double period = chosen + shift;
        double f = _sampleRateHz / period;
        if (!(f >= MinFrequencyHz && f <= MaxFrequencyHz))
        {
            return false;
        }

        frequencyHz = (float)f;
        clarity = Math.Clamp(1f - chosenValue, 0f, 1f);
        return true;
    }

    private static float SumOfSquaredDifferences(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        int i = 0;
        float sum = 0f;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count * 2)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc0 = Vector<float>.Zero;
            var acc1 = Vector<float>.Zero;
            int v = 0;
            for (; v + 1 < va.Length; v += 2)
            {
                var e0 = va[v] - vb[v];
                var e1 = va[v + 1] - vb[v + 1];
                acc0 += e0 * e0;
                acc1 += e1 * e1;
            }

            for (; v < va.Length; v++)
            {
                var e = va[v] - vb[v];
                acc0 += e * e;
            }

            sum = Vector.Sum(acc0 + acc1);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            float e = a[i] - b[i];
            sum += e * e;
        }

        return sum;
    }
}
