namespace GruPedalPi.Dsp;

/// <summary>
/// A tilt tone control: the signal split at <see cref="PivotHz"/> by a one-pole lowpass (bilinear, topology-preserving
/// form: its zero at Nyquist keeps the split accurate up to the top of the band), lows cut and highs boosted
/// (or the reverse) by up to <see cref="TiltRangeDb"/> each: tone -1 is dark (+6 dB lows, -6 dB highs), 0 is exactly
/// flat (the output is the input, bit for bit), +1 is bright. The tone ramps over the smoothing time. Zero latency.
/// </summary>
public sealed class TiltTone : IAudioStage
{
    /// <summary>The pivot frequency of the tilt, in Hz.</summary>
    public const double PivotHz = 800.0;

    /// <summary>Boost and cut at each end at tone ±1, in dB.</summary>
    public const float TiltRangeDb = 6f;

    private const float DbToLn = 0.115129254649702f;
    private readonly double _smoothingMs;
    private LinearSmoother _tone;
    private float _a = 1f;
    private float _low;
    private float _highGainMinus1;
    private float _lowGainMinus1;

    /// <summary>Creates the stage. smoothingMs 0..1000: ramp time of a tone change.</summary>
    public TiltTone(double smoothingMs = 4.5)
    {
        _smoothingMs = smoothingMs;
    }

    /// <summary>Latency: 0.</summary>
    public int LatencySamples => 0;

    /// <summary>Computes the coefficient for the rate (sampleRateHz &gt; 0) and clears the state.</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        double g = Math.Tan(Math.PI * Math.Min(PivotHz, 0.45 * sampleRateHz) / sampleRateHz);
        _a = (float)(g / (1 + g));
        _tone.Prepare(sampleRateHz, _smoothingMs);
        UpdateGains(_tone.Current);
        _low = 0f;
    }

    /// <summary>Sets the tone, -1..1 (clamped), ramped unless immediate.</summary>
    public void SetTone(float tone, bool immediate = false)
    {
        tone = Math.Clamp(tone, -1f, 1f);
        if (immediate)
        {
            _tone.Jump(tone);
            UpdateGains(tone);
        }
        else
        {
            _tone.SetTarget(tone);
        }
    }

    /// <summary>Clears the filter state and ends any ramp.</summary>
    public void Reset()
    {
        _low = 0f;
        SetTone(_tone.Target, immediate: true);
    }

    /// <summary>Filters in place.</summary>
    public void Process(Span<float> block)
    {
        float a = _a, low = _low;
        for (int i = 0; i < block.Length; i++)
        {
            if (_tone.IsRamping)
            {
                UpdateGains(_tone.Next());
            }

            float x = block[i];
            float v = a * (x - low); // low holds the integrator state s
            float lp = v + low;
            low = lp + v;
            low = MathF.Abs(low) >= GatedUnitMath.FlushThreshold ? low : 0f;
            float high = x - lp;
            block[i] = MathF.FusedMultiplyAdd(_lowGainMinus1, lp, MathF.FusedMultiplyAdd(_highGainMinus1, high, x));
        }

        _low = low;
    }

    private void UpdateGains(float tone)
    {
        float highGain = MathF.Exp(tone * TiltRangeDb * DbToLn);
        _highGainMinus1 = highGain - 1f;
        _lowGainMinus1 = (1f / highGain) - 1f;
    }
}
