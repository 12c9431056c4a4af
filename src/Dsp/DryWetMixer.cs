namespace GruPedalPi.Dsp;

/// <summary>
/// Dry/wet mix: out = dry + mix*(wet - dry), mix 0 (dry) .. 1 (wet), ramped linearly. The dry input must already be
/// delayed by the wet path's latency (the chain does it), so the mix never combs.
/// </summary>
public sealed class DryWetMixer : IAudioStage
{
    private readonly double _smoothingMs;
    private LinearSmoother _mix;

    /// <summary>Creates the mixer. smoothingMs 0..1000: ramp time of a mix change.</summary>
    public DryWetMixer(double smoothingMs = 4.5)
    {
        _smoothingMs = smoothingMs;
        _mix.Jump(1f);
    }

    /// <summary>Latency: 0.</summary>
    public int LatencySamples => 0;

    /// <summary>Sizes the ramp (sampleRateHz &gt; 0).</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize) => _mix.Prepare(sampleRateHz, _smoothingMs);

    /// <summary>Sets the mix, 0..1 (clamped), ramped unless immediate.</summary>
    public void SetMix(float mix, bool immediate = false)
    {
        mix = Math.Clamp(mix, 0f, 1f);
        if (immediate)
        {
            _mix.Jump(mix);
        }
        else
        {
            _mix.SetTarget(mix);
        }
    }

    /// <summary>Ends any ramp.</summary>
    public void Reset() => _mix.Jump(_mix.Target);

    /// <summary>For <see cref="IAudioStage"/>: a mixer needs a dry signal, so this only advances the ramp, leaving the block wet.</summary>
    public void Process(Span<float> block)
    {
        for (int i = 0; i < block.Length; i++)
        {
            _mix.Next();
        }
    }

    /// <summary>Mixes in place: wet becomes dry + mix*(wet - dry).</summary>
    public void Process(Span<float> wet, ReadOnlySpan<float> dry)
    {
        for (int i = 0; i < wet.Length; i++)
        {
            float m = _mix.Next();
            wet[i] = m == 1f ? wet[i] : MathF.FusedMultiplyAdd(m, wet[i] - dry[i], dry[i]);
        }
    }
}
