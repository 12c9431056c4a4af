namespace GruPedalPi.Dsp;

/// <summary>
/// Click-free bypass: crossfades linearly between the effect and the (latency-aligned) dry signal over the fade time.
/// Engaged, the output is the effect bit for bit; bypassed, the dry signal bit for bit.
/// </summary>
public sealed class BypassCrossfade : IAudioStage
{
    private readonly double _fadeMs;
    private LinearSmoother _amount; // 0 engaged, 1 bypassed

    /// <summary>Creates the crossfade. fadeMs 0..1000.</summary>
    public BypassCrossfade(double fadeMs = 10)
    {
        _fadeMs = fadeMs;
    }

    /// <summary>Latency: 0.</summary>
    public int LatencySamples => 0;

    /// <summary>True when bypassed (the target; the fade may still run).</summary>
    public bool Bypassed => _amount.Target >= 1f;

    /// <summary>True while the crossfade runs.</summary>
    public bool IsFading => _amount.IsRamping;

    /// <summary>Sizes the fade (sampleRateHz &gt; 0).</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize) => _amount.Prepare(sampleRateHz, _fadeMs);

    /// <summary>Bypasses or engages, with a crossfade unless immediate.</summary>
    public void SetBypass(bool bypassed, bool immediate = false)
    {
        float target = bypassed ? 1f : 0f;
        if (immediate)
        {
            _amount.Jump(target);
        }
        else
        {
            _amount.SetTarget(target);
        }
    }

    /// <summary>Ends any fade.</summary>
    public void Reset() => _amount.Jump(_amount.Target);

    /// <summary>For <see cref="IAudioStage"/>: advances the fade without a dry signal (the block stays as it is).</summary>
    public void Process(Span<float> block)
    {
        for (int i = 0; i < block.Length; i++)
        {
            _amount.Next();
        }
    }

    /// <summary>Crossfades in place: effect becomes effect + amount*(dry - effect).</summary>
    public void Process(Span<float> effect, ReadOnlySpan<float> dry)
    {
        if (!_amount.IsRamping)
        {
            if (_amount.Current >= 1f)
            {
                dry[..effect.Length].CopyTo(effect);
            }

            return;
        }

        for (int i = 0; i < effect.Length; i++)
        {
            // Per sample the same three cases as the steady path above, so the result never depends on where a block ends.
            float b = _amount.Next();
            effect[i] = b >= 1f ? dry[i] : b <= 0f ? effect[i] : MathF.FusedMultiplyAdd(b, dry[i] - effect[i], effect[i]);
        }
    }
}
