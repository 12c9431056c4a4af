namespace GruPedalPi.Dsp;

/// <summary>
/// Raises the rate by 1, 2, 4 or 8 around a nonlinearity and brings it back, as a cascade of 2x stages with
/// linear-phase FIR filters designed by the Kaiser method when constructed:
/// <list type="bullet">
/// <item>the stage next to the host rate is a full lowpass with its passband to 0.417*fs (20 kHz at 48 kHz) and its
/// stopband from the host Nyquist frequency (so nothing above fs/2 folds back, not even from the transition band);</item>
/// <item>the further stages are halfband filters (every second tap zero) that only need to keep 0..fs/2 and remove
/// what would fold onto it, so they are short.</item>
/// </list>
/// Stopband attenuation: 90 dB (<see cref="OversamplingQuality.Standard"/>) or 125 dB (<see cref="OversamplingQuality.High"/>).
/// Linear phase makes the round trip a pure delay; a few samples of padding at the top rate make it a whole number
/// of host samples (<see cref="LatencySamples"/>), so the dry path can be aligned exactly. The design depends only
/// on the factor and quality (frequencies are relative to the host rate), so the latency is known before Prepare.
/// </summary>
public sealed class Oversampler
{
    /// <summary>Passband edge of the first stage as a fraction of the host rate (20 kHz at 48 kHz).</summary>
    public const double PassbandEdgeOfHostRate = 20.0 / 48.0;

    private readonly Interpolator2x[] _up;
    private readonly Decimator2x[] _down;
    private readonly IntegerDelay _padding;
    private float[][] _levels = [];

    /// <summary>Designs the filters. factor 1, 2, 4 or 8.</summary>
    public Oversampler(int factor, OversamplingQuality quality)
    {
        if (factor is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The oversampling factor must be 1, 2, 4 or 8.");
        }

        Factor = factor;
        Quality = quality;
        int stages = System.Numerics.BitOperations.Log2((uint)factor);
        _up = new Interpolator2x[stages];
        _down = new Decimator2x[stages];
        double attenuationDb = quality == OversamplingQuality.High ? 125 : 90;
        long topRateLatency = 0;
        for (int s = 1; s <= stages; s++)
        {
            double[] taps = DesignStage(s, attenuationDb);
            _up[s - 1] = new Interpolator2x(taps);
            _down[s - 1] = new Decimator2x(taps);
            // Up and down each delay (N-1)/2 samples at this stage's rate, i.e. (N-1)/2 * 2^(stages-s) at the top rate.
            topRateLatency += (taps.Length - 1L) << (stages - s);
        }

        int padding = (int)((factor - (topRateLatency % factor)) % factor);
        _padding = new IntegerDelay(padding);
        LatencySamples = (int)((topRateLatency + padding) / factor);
    }

    /// <summary>The factor: 1, 2, 4 or 8.</summary>
    public int Factor { get; }

    /// <summary>The filter quality.</summary>
    public OversamplingQuality Quality { get; }

    /// <summary>Round-trip latency (up then down) in host samples, a whole number by construction.</summary>
    public int LatencySamples { get; }

    /// <summary>Filter taps per stage, host side first (for reports).</summary>
    public IReadOnlyList<int> StageTapCounts => Array.ConvertAll(_up, u => u.TapCount);

    /// <summary>Allocates the stage buffers for host blocks of up to maxBlockSize samples (1..65536).</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockSize);
        _levels = new float[_up.Length][];
        for (int s = 0; s < _up.Length; s++)
        {
            _up[s].Prepare(maxBlockSize << s);
            _down[s].Prepare(maxBlockSize << s);
            _levels[s] = new float[maxBlockSize << (s + 1)];
        }

        Reset();
    }

    /// <summary>Clears all filter histories.</summary>
    public void Reset()
    {
        foreach (var u in _up)
        {
            u.Reset();
        }

        foreach (var d in _down)
        {
            d.Reset();
        }

        _padding.Reset();
    }

    /// <summary>Upsamples n host samples into n*Factor samples.</summary>
    public void Upsample(ReadOnlySpan<float> input, Span<float> output)
    {
        int n = input.Length;
        if (_up.Length == 0)
        {
            input.CopyTo(output);
            return;
        }

        ReadOnlySpan<float> current = input;
        for (int s = 0; s < _up.Length; s++)
        {
            Span<float> next = s == _up.Length - 1 ? output[..(n << (s + 1))] : _levels[s].AsSpan(0, n << (s + 1));
            _up[s].Process(current, next);
            current = next;
        }

        _padding.Process(output[..(n * Factor)]);
    }

    /// <summary>Downsamples n*Factor samples into n host samples. The input span is used as scratch.</summary>
    public void Downsample(Span<float> input, Span<float> output)
    {
        int n = output.Length;
        if (_down.Length == 0)
        {
            input[..n].CopyTo(output);
            return;
        }

        ReadOnlySpan<float> current = input[..(n * Factor)];
        for (int s = _down.Length - 1; s >= 0; s--)
        {
            Span<float> next = s == 0 ? output : _levels[s - 1].AsSpan(0, n << s);
            _down[s].Process(current, next);
            current = next;
        }
    }

    /// <summary>
    /// The taps of stage s (1 = next to the host rate) at that stage's output rate. Stage 1: passband to
    /// <see cref="PassbandEdgeOfHostRate"/> of the host rate, stopband from the host Nyquist. Stage s &gt; 1: a halfband
    /// that passes the host band (0..fs/2) and stops what would fold onto it (from 2^(s-1)*fs - fs/2 on).
    /// </summary>
    public static double[] DesignStage(int stage, double attenuationDb)
    {
        double rate = 1 << stage; // the stage's rate in units of the host rate
        double beta = FirDesign.KaiserBeta(attenuationDb);
        if (stage == 1)
        {
            double pass = PassbandEdgeOfHostRate / rate, stop = 0.5 / rate;
            int length = FirDesign.KaiserLength(attenuationDb, stop - pass);
            return FirDesign.KaiserLowpass(length, (pass + stop) / 2, beta);
        }

        double passHb = 0.5 / rate;
        double width = 2 * (0.25 - passHb);
        int n = FirDesign.KaiserLength(attenuationDb, width);
        int m = (n + 1 + 3) / 4; // halfband length 4m-1 >= n
        return FirDesign.KaiserLowpass((4 * m) - 1, 0.25, beta);
    }
}
