namespace GruPedalPi.Dsp;

/// <summary>
/// A gain in dB, ramped linearly in dB over the smoothing time (so a jump from -60 to +12 dB is an exponential
/// fade in amplitude, never a step). The linear gain is recomputed only while ramping.
/// </summary>
public sealed class GainStage : IAudioStage
{
    private const float DbToLn = 0.115129254649702f; // ln(10)/20
    private readonly double _smoothingMs;
    private LinearSmoother _gainDb;
    private float _linear = 1f;

    /// <summary>Creates the stage. smoothingMs 0..1000: ramp time of a gain change.</summary>
    public GainStage(double smoothingMs = 4.5)
    {
        _smoothingMs = smoothingMs;
    }

    /// <summary>Latency: 0.</summary>
    public int LatencySamples => 0;

    /// <summary>The target gain in dB.</summary>
    public float TargetDb => _gainDb.Target;

    /// <summary>Sizes the ramp. sampleRateHz &gt; 0; maxBlockSize &gt;= 1 (nothing to allocate).</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize)
    {
        _gainDb.Prepare(sampleRateHz, _smoothingMs);
        _linear = MathF.Exp(_gainDb.Current * DbToLn);
    }

    /// <summary>Sets the gain in dB (any finite value; the chain clamps to the parameter's range), ramped unless immediate.</summary>
    public void SetGainDb(float gainDb, bool immediate = false)
    {
        if (immediate)
        {
            _gainDb.Jump(gainDb);
            _linear = MathF.Exp(gainDb * DbToLn);
        }
        else
        {
            _gainDb.SetTarget(gainDb);
        }
    }

    /// <summary>Ends any ramp (the gain jumps to its target); the stage has no other state.</summary>
    public void Reset() => SetGainDb(_gainDb.Target, immediate: true);

    /// <summary>Applies the gain in place.</summary>
    public void Process(Span<float> block)
    {
        float linear = _linear;
        for (int i = 0; i < block.Length; i++)
        {
            if (_gainDb.IsRamping)
            {
                linear = MathF.Exp(_gainDb.Next() * DbToLn);
            }

            block[i] *= linear;
        }

        _linear = linear;
    }
}
