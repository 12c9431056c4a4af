namespace GruPedalPi.Dsp;

/// <summary>
/// The pedal's signal chain: input gain -> oversampling -> minimal gated unit -> downsampling -> DC blocker
/// -> tone -> output level -> dry/wet mix -> bypass crossfade. Block-size independent; no allocation after
/// <see cref="Prepare"/>. PLACEHOLDER: the public surface is fixed; the implementation is being written.
/// </summary>
public sealed class PedalChain
{
    private readonly ChainOptions _options;
    private PedalSettings _target = PedalSettings.Defaults;
    private bool _bypassed;
    private float _y1L;
    private float _y1R;

    /// <summary>Creates a chain with the given structural options.</summary>
    public PedalChain(ChainOptions options)
    {
        _options = options;
    }

    /// <summary>The structural options.</summary>
    public ChainOptions Options => _options;

    /// <summary>Latency of the wet and dry paths (they are aligned), in samples at the host rate.</summary>
    public int LatencySamples => 0;

    /// <summary>True while bypassed (the target; the crossfade may still be running).</summary>
    public bool Bypassed => _bypassed;

    /// <summary>The target settings the chain is ramping to.</summary>
    public PedalSettings Target => _target;

    /// <summary>Allocates and sizes all state. sampleRateHz 44100..192000; maxBlockSize 1..65536.</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize)
    {
    }

    /// <summary>Sets one parameter's target (clamped to its preset range); the chain ramps to it. Real-time safe.</summary>
    public void SetParameter(ParameterId id, float value) => _target[id] = value;

    /// <summary>Sets all targets. With <paramref name="immediate"/> the values jump (no ramp): for a fresh start or a render.</summary>
    public void SetAll(in PedalSettings settings, bool immediate = false) => _target = settings;

    /// <summary>Engages (false) or bypasses (true) the effect with a click-free crossfade. Real-time safe.</summary>
    public void SetBypass(bool bypassed, bool immediate = false) => _bypassed = bypassed;

    /// <summary>Processes a mono block in place.</summary>
    public void Process(Span<float> block) => ProcessChannel(block, ref _y1L);

    /// <summary>Processes a stereo block in place (two independent units); both spans have the same length.</summary>
    public void Process(Span<float> left, Span<float> right)
    {
        ProcessChannel(left, ref _y1L);
        ProcessChannel(right, ref _y1R);
    }

    /// <summary>Clears all state (recurrence, filters, ramps jump to their targets).</summary>
    public void Reset()
    {
        _y1L = 0;
        _y1R = 0;
    }

    private void ProcessChannel(Span<float> block, ref float y1)
    {
        if (_bypassed)
        {
            return;
        }

        float wf = _target[ParameterId.Wf], wh = _target[ParameterId.Wh], uf = _target[ParameterId.Uf];
        float uh = _target[ParameterId.Uh], bf = _target[ParameterId.Bf];
        for (int i = 0; i < block.Length; i++)
        {
            float x = block[i];
            float f = 1f / (1f + MathF.Exp(-(wf * x + uf * y1 + bf)));
            float y = f * y1 + (1f - f) * MathF.Tanh(wh * x + uh * f * y1);
            y1 = y;
            block[i] = y;
        }
    }
}
