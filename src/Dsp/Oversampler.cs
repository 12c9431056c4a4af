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

    /// <summary>Passband edge of the first stage in <see cref="OversamplingQuality.LowLatency"/> as a fraction of the host
    /// rate (19 kHz at 48 kHz: within 0.1 dB to 18 kHz, the rest of the transition buys group delay).</summary>
    public const double LowLatencyPassbandEdgeOfHostRate = 19.0 / 48.0;

    private readonly Interpolator2x[] _up;
    private readonly Decimator2x[] _down;
    private readonly IntegerDelay _padding;
    private float[][] _levels = [];

    /// <summary>Designs the filters. factor 1, 2, 4 or 8.</summary>
    public Oversampler(int factor, OversamplingQuality quality)
        : this(factor, quality, null, null)
    {
    }

    /// <summary>Designs the filters, with the low-latency stages' attenuations given (for design studies).</summary>
    internal Oversampler(int factor, OversamplingQuality quality, double? firstStageDb, double? furtherStageDb)
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
        if (quality == OversamplingQuality.LowLatency)
        {
            // Minimum-phase stages: the round trip's group delay at 1 kHz (48 kHz host) is a fraction; padding at the top
            // rate brings it to within 1/(2*factor) host samples of a whole number, which is the latency the dry path gets.
            double delay = 0;
            for (int s = 1; s <= stages; s++)
            {
                double attenuation = s == 1 ? firstStageDb ?? LowLatencyFirstStageDb(factor) : furtherStageDb ?? LowLatencyFurtherStageDb(factor);
                double[] upTaps = DesignLowLatencyStage(s, attenuation, interpolator: true);
                double[] downTaps = DesignLowLatencyStage(s, attenuation, interpolator: false);
                _up[s - 1] = new Interpolator2x(upTaps);
                _down[s - 1] = new Decimator2x(downTaps);
                double f = LowLatencyReferenceOfHostRate / (1 << s);
                delay += (MinimumPhase.GroupDelay(upTaps, f) + MinimumPhase.GroupDelay(downTaps, f)) / (1 << s);
            }

            int whole = (int)Math.Ceiling(delay - (0.5 / factor));
            int pad = Math.Max(0, (int)Math.Round((whole - delay) * factor));
            _padding = new IntegerDelay(pad);
            LatencySamples = whole;
            GroupDelaySamples = delay + ((double)pad / factor);
            return;
        }

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
        GroupDelaySamples = LatencySamples;
    }

    /// <summary>The frequency, as a fraction of the host rate, at which the low-latency mode's group delay is matched by
    /// <see cref="LatencySamples"/> (1 kHz at 48 kHz).</summary>
    public const double LowLatencyReferenceOfHostRate = 1.0 / 48.0;

    /// <summary>The factor: 1, 2, 4 or 8.</summary>
    public int Factor { get; }

    /// <summary>The filter quality.</summary>
    public OversamplingQuality Quality { get; }

    /// <summary>Round-trip latency (up then down) in host samples, a whole number: the exact delay of the linear-phase
    /// qualities; for <see cref="OversamplingQuality.LowLatency"/> the whole number nearest the group delay at 1 kHz
    /// (within 1/(2*factor) samples, see <see cref="GroupDelaySamples"/>).</summary>
    public int LatencySamples { get; }

    /// <summary>The round trip's group delay at 1 kHz (at 48 kHz; the same fraction of any host rate) in host samples,
    /// from the designs: equal to <see cref="LatencySamples"/> for the linear-phase qualities.</summary>
    public double GroupDelaySamples { get; }

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

    /// <summary>Stopband attenuation of the low-latency mode's host-side stage: 75 dB at 2x (where the unit's own
    /// aliasing at twice the rate, about -84 dBc on the probe, is the limit anyway), 85 dB at 4x, 80 dB at 8x (which
    /// keeps the round trip within 5 samples with its third stage).</summary>
    public static double LowLatencyFirstStageDb(int factor) => factor switch { <= 2 => 75, 4 => 85, _ => 80 };

    /// <summary>Stopband attenuation of the low-latency mode's further stages: 80 dB at 4x, 70 dB at 8x.</summary>
    public static double LowLatencyFurtherStageDb(int factor) => factor <= 4 ? 80 : 70;

    /// <summary>
    /// The minimum-phase taps of stage s in <see cref="OversamplingQuality.LowLatency"/>: the spectral root of a
    /// linear-phase Kaiser lowpass designed for twice the attenuation (<see cref="MinimumPhase.FromLinearPhase"/>), with
    /// its passband to <see cref="LowLatencyPassbandEdgeOfHostRate"/> of the host rate. The decimator next to the host
    /// rate stops from the host Nyquist (nothing above it folds back); its interpolator only has to stop the images of
    /// the passband (from fs - 19 kHz); the further stages stop what would fold onto 0..fs/2.
    /// </summary>
    public static double[] DesignLowLatencyStage(int stage, double attenuationDb, bool interpolator)
    {
        double rate = 1 << stage;
        double pass = LowLatencyPassbandEdgeOfHostRate / rate;
        double stop = stage > 1 ? 0.5 - (0.5 / rate) : interpolator ? (1 - LowLatencyPassbandEdgeOfHostRate) / rate : 0.5 / rate;
        double prototypeDb = 2 * attenuationDb;
        int length = FirDesign.KaiserLength(prototypeDb, stop - pass);
        var prototype = FirDesign.KaiserLowpass(length, (pass + stop) / 2, FirDesign.KaiserBeta(prototypeDb));
        return MinimumPhase.FromLinearPhase(prototype);
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
