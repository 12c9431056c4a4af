namespace GruPedalPi.Dsp;

/// <summary>
/// The pedal's signal chain: input gain -> oversampling -> minimal gated unit (voiced at 48 kHz, the same voice at
/// every rate and factor) -> downsampling -> DC blocker -> tone -> noise gate (its detector on the input before the
/// input gain; off by default) -> output level -> dry/wet mix (dry delayed by the
/// latency, so the mix never combs) -> click-free bypass crossfade.
/// <para>Real-time contract: after <see cref="Prepare"/>, <see cref="Process(Span{float})"/>, <see cref="SetParameter(ParameterId, float, bool)"/>,
/// <see cref="SetAll"/>, <see cref="SetBypass"/> and <see cref="Reset"/> never allocate, lock, throw or block.
/// Parameters ramp per sample over <see cref="ChainOptions.SmoothingMs"/>, so the output is bit-identical however a
/// signal is split into blocks (with changes applied at the same sample positions). Input samples that are NaN,
/// infinite or absurd are replaced or clamped and the output is always finite, bounded and free of subnormals.</para>
/// <para>Not thread-safe: call everything from the audio thread (post changes to it through a queue).</para>
/// </summary>
public sealed class PedalChain : IAudioStage
{
    private readonly ChainOptions _options;
    private readonly ChannelProcessor[] _channels;
    private PedalSettings _target;
    private bool _bypassed;
    private bool _prepared;

    /// <summary>Creates a chain with the given structural options and the default settings (<see cref="PedalSettings.Defaults"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public PedalChain(ChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OversamplingFactor is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.OversamplingFactor, "ChainOptions.OversamplingFactor must be 1, 2, 4 or 8.");
        }

        if (options.Channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Channels, "ChainOptions.Channels must be 1 (mono) or 2 (stereo).");
        }

        if (!(options.SmoothingMs >= 0 && options.SmoothingMs <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SmoothingMs, "ChainOptions.SmoothingMs must lie in 0..100 ms.");
        }

        if (!(options.BypassFadeMs >= 1 && options.BypassFadeMs <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BypassFadeMs, "ChainOptions.BypassFadeMs must lie in 1..100 ms.");
        }

        if (!Enum.IsDefined(options.Quality))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Quality, "ChainOptions.Quality must be Standard, High or LowLatency.");
        }

        _options = options;
        _channels = new ChannelProcessor[options.Channels];
        for (int c = 0; c < _channels.Length; c++)
        {
            _channels[c] = new ChannelProcessor(options);
        }

        _target = PedalSettings.Defaults;
        ApplyAll(immediate: true);
    }

    /// <summary>The structural options.</summary>
    public ChainOptions Options => _options;

    /// <summary>Latency of the wet and dry paths (they are aligned), in samples at the host rate. Known from construction
    /// (it depends only on the oversampling factor and quality; 0 at factor 1); cheap to read.</summary>
    public int LatencySamples => _channels[0].LatencySamples;

    /// <summary>True while bypassed (the target; the crossfade may still be running).</summary>
    public bool Bypassed => _bypassed;

    /// <summary>The noise gate's gain on the last sample of channel 0 (range..1; 1 when the gate is off).</summary>
    public float GateGain => _channels[0].Gate.Gain;

    /// <summary>True while channel 0's noise gate is open (or off).</summary>
    public bool GateOpen => _channels[0].Gate.IsOpen;

    /// <summary>How many times channel 0's noise gate has opened since Prepare or Reset.</summary>
    public long GateOpenings => _channels[0].Gate.Openings;

    /// <summary>True while the bypass crossfade is running.</summary>
    public bool IsBypassFading => _channels[0].IsBypassFading;

    /// <summary>The target settings the chain is ramping to.</summary>
    public PedalSettings Target => _target;

    /// <summary>True once <see cref="Prepare"/> has run.</summary>
    public bool IsPrepared => _prepared;

    /// <summary>The host sample rate given to <see cref="Prepare"/> (0 before).</summary>
    public double SampleRateHz { get; private set; }

    /// <summary>The largest block <see cref="Process(Span{float})"/> handles in one pass (longer blocks are split internally).</summary>
    public int MaxBlockSize { get; private set; }

    /// <summary>Allocates and sizes all state and clears it; the settings jump to their targets.
    /// sampleRateHz 22050..192000; maxBlockSize 1..65536. Call it off the audio thread.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public void Prepare(double sampleRateHz, int maxBlockSize)
    {
        if (!(sampleRateHz >= 22050 && sampleRateHz <= 192000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "The sample rate must lie in 22050..192000 Hz.");
        }

        if (maxBlockSize < 1 || maxBlockSize > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBlockSize), maxBlockSize, "The block size must lie in 1..65536 samples.");
        }

        foreach (var channel in _channels)
        {
            channel.Prepare(sampleRateHz, maxBlockSize);
        }

        SampleRateHz = sampleRateHz;
        MaxBlockSize = maxBlockSize;
        ApplyAll(immediate: true);
        foreach (var channel in _channels)
        {
            channel.SetBypass(_bypassed, immediate: true);
            channel.Reset();
        }

        _prepared = true;
    }

    /// <summary>Sets one parameter's target (clamped to its preset range; NaN and infinities are ignored); the chain
    /// ramps to it over the smoothing time. Real-time safe.</summary>
    public void SetParameter(ParameterId id, float value) => SetParameter(id, value, immediate: false);

    /// <summary>Sets one parameter, ramped or (immediate) jumping. Real-time safe.</summary>
    public void SetParameter(ParameterId id, float value, bool immediate)
    {
        if ((uint)id >= Parameters.Count || !float.IsFinite(value))
        {
            return;
        }

        var info = Parameters.All[(int)id];
        value = Math.Clamp(value, info.PresetMin, info.PresetMax);
        _target[id] = value;
        foreach (var channel in _channels)
        {
            channel.SetParameter(id, value, immediate);
        }
    }

    /// <summary>Sets all targets. With <paramref name="immediate"/> the values jump (no ramp): for a fresh start or a render.
    /// Real-time safe.</summary>
    public void SetAll(in PedalSettings settings, bool immediate = false)
    {
        for (int i = 0; i < Parameters.Count; i++)
        {
            SetParameter((ParameterId)i, settings[(ParameterId)i], immediate);
        }
    }

    /// <summary>Engages (false) or bypasses (true) the effect with a click-free crossfade. Real-time safe.</summary>
    public void SetBypass(bool bypassed, bool immediate = false)
    {
        _bypassed = bypassed;
        foreach (var channel in _channels)
        {
            channel.SetBypass(bypassed, immediate);
        }
    }

    /// <summary>Processes a mono block in place (channel 0 of a stereo chain). Before <see cref="Prepare"/> the block is
    /// only sanitized (passed through).</summary>
    public void Process(Span<float> block)
    {
        if (!_prepared)
        {
            SignalGuard.SanitizeInput(block, block);
            return;
        }

        _channels[0].Process(block);
    }

    /// <summary>Processes a stereo block in place: two independent units on a stereo chain; on a mono chain the left
    /// input is processed and written to both outputs. Only the common length of the spans is processed.</summary>
    public void Process(Span<float> left, Span<float> right)
    {
        int n = Math.Min(left.Length, right.Length);
        left = left[..n];
        right = right[..n];
        if (!_prepared)
        {
            SignalGuard.SanitizeInput(left, left);
            SignalGuard.SanitizeInput(right, right);
            return;
        }

        _channels[0].Process(left);
        if (_channels.Length > 1)
        {
            _channels[1].Process(right);
        }
        else
        {
            left.CopyTo(right);
        }
    }

    /// <summary>Clears all state (recurrence, filters, delay lines); ramps and the bypass fade jump to their targets.</summary>
    public void Reset()
    {
        foreach (var channel in _channels)
        {
            channel.Reset();
        }
    }

    /// <summary>For the voicing report: false runs the unit with pole scaling alone (see <see cref="VoicedGatedUnit"/>).</summary>
    internal void SetStateAgeMatching(bool enabled)
    {
        foreach (var channel in _channels)
        {
            channel.Unit.MatchStateAge = enabled;
        }
    }

    /// <summary>For the voicing report: true runs the seed's recurrence unchanged at the unit's rate (no voicing).</summary>
    internal void SetNaiveUnit(bool naive)
    {
        foreach (var channel in _channels)
        {
            channel.Unit.Naive = naive;
        }
    }

    private void ApplyAll(bool immediate)
    {
        var settings = _target;
        SetAll(settings, immediate);
    }
}
