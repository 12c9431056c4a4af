namespace GruPedalPi.Dsp;

/// <summary>
/// One channel of the chain: its own stages and buffers. Order: guard -> input gain -> upsampling -> unit ->
/// downsampling -> DC blocker -> tone -> noise gate (detecting on the guarded input) -> output level -> dry/wet mix (dry delayed by the latency) -> bypass -> guard.
/// In <see cref="OversamplingQuality.LowLatency"/> the dry path runs through a second copy of the oversampler's
/// minimum-phase round trip instead of a plain delay, so dry and wet keep the same phase at every frequency (a blend
/// does not comb) and bypass and engaged sound equally late.
/// </summary>
internal sealed class ChannelProcessor
{
    private readonly GainStage _input;
    private readonly Oversampler _oversampler;
    private readonly VoicedGatedUnit _unit;
    private readonly DcBlocker _dcBlocker = new();
    private readonly TiltTone _tone;
    private readonly NoiseGate _gate = new();
    private readonly GainStage _output;
    private readonly IntegerDelay _dryDelay;
    private readonly Oversampler? _dryRoundTrip;
    private readonly DryWetMixer _mixer;
    private readonly BypassCrossfade _bypass;
    private float[] _dry = [];
    private float[] _wet = [];
    private float[] _oversampled = [];
    private float[] _dryOversampled = [];
    private int _maxBlock;

    public ChannelProcessor(ChainOptions options)
    {
        _input = new GainStage(options.SmoothingMs);
        _oversampler = new Oversampler(options.OversamplingFactor, options.Quality);
        _unit = new VoicedGatedUnit(options.FastMath, options.SmoothingMs);
        _tone = new TiltTone(options.SmoothingMs);
        _output = new GainStage(options.SmoothingMs);
        if (options.Quality == OversamplingQuality.LowLatency && options.OversamplingFactor > 1)
        {
            _dryRoundTrip = new Oversampler(options.OversamplingFactor, options.Quality);
            _dryDelay = new IntegerDelay(0);
        }
        else
        {
            _dryDelay = new IntegerDelay(_oversampler.LatencySamples);
        }

        _mixer = new DryWetMixer(options.SmoothingMs);
        _bypass = new BypassCrossfade(options.BypassFadeMs);
    }

    public int LatencySamples => _oversampler.LatencySamples;

    public Oversampler Oversampler => _oversampler;

    public VoicedGatedUnit Unit => _unit;

    public NoiseGate Gate => _gate;

    public void Prepare(double sampleRateHz, int maxBlockSize)
    {
        _maxBlock = maxBlockSize;
        _dry = new float[maxBlockSize];
        _wet = new float[maxBlockSize];
        _oversampled = new float[maxBlockSize * _oversampler.Factor];
        _input.Prepare(sampleRateHz, maxBlockSize);
        _oversampler.Prepare(sampleRateHz, maxBlockSize);
        if (_dryRoundTrip is not null)
        {
            _dryOversampled = new float[maxBlockSize * _dryRoundTrip.Factor];
            _dryRoundTrip.Prepare(sampleRateHz, maxBlockSize);
        }

        _unit.Prepare(sampleRateHz, maxBlockSize, _oversampler.Factor);
        _dcBlocker.Prepare(sampleRateHz, maxBlockSize);
        _tone.Prepare(sampleRateHz, maxBlockSize);
        _gate.Prepare(sampleRateHz, maxBlockSize);
        _output.Prepare(sampleRateHz, maxBlockSize);
        _dryDelay.Prepare(sampleRateHz, maxBlockSize);
        _mixer.Prepare(sampleRateHz, maxBlockSize);
        _bypass.Prepare(sampleRateHz, maxBlockSize);
    }

    public void SetParameter(ParameterId id, float value, bool immediate)
    {
        switch (id)
        {
            case ParameterId.InputGainDb: _input.SetGainDb(value, immediate); break;
            case ParameterId.OutputGainDb: _output.SetGainDb(value, immediate); break;
            case ParameterId.Mix: _mixer.SetMix(value, immediate); break;
            case ParameterId.Tone: _tone.SetTone(value, immediate); break;
            case ParameterId.GateThresholdDb: _gate.SetThresholdDb(value); break;
            case ParameterId.GateHysteresisDb: _gate.SetHysteresisDb(value); break;
            case ParameterId.GateAttackMs: _gate.SetAttackMs(value); break;
            case ParameterId.GateHoldMs: _gate.SetHoldMs(value); break;
            case ParameterId.GateReleaseMs: _gate.SetReleaseMs(value); break;
            case ParameterId.GateRangeDb: _gate.SetRangeDb(value); break;
            default: _unit.SetParameter(id, value, immediate); break;
        }
    }

    public void SetBypass(bool bypassed, bool immediate) => _bypass.SetBypass(bypassed, immediate);

    public bool IsBypassFading => _bypass.IsFading;

    public void Reset()
    {
        _input.Reset();
        _oversampler.Reset();
        _unit.Reset();
        _dcBlocker.Reset();
        _tone.Reset();
        _gate.Reset();
        _output.Reset();
        _dryDelay.Reset();
        _dryRoundTrip?.Reset();
        _mixer.Reset();
        _bypass.Reset();
    }

    /// <summary>Processes a block in place, in chunks of at most the prepared block size.</summary>
    public void Process(Span<float> block)
    {
        while (block.Length > 0)
        {
            int n = Math.Min(block.Length, _maxBlock);
            ProcessChunk(block[..n]);
            block = block[n..];
        }
    }

    private void ProcessChunk(Span<float> block)
    {
        int n = block.Length;
        var dry = _dry.AsSpan(0, n);
        var wet = _wet.AsSpan(0, n);
        var up = _oversampled.AsSpan(0, n * _oversampler.Factor);
        SignalGuard.SanitizeInput(block, dry);
        dry.CopyTo(wet);
        _input.Process(wet);
        _oversampler.Upsample(wet, up);
        _unit.Process(up);
        _oversampler.Downsample(up, wet);
        _dcBlocker.Process(wet);
        _tone.Process(wet);
        _gate.Process(dry, wet); // the detector hears the input before the input gain; the dry path is left alone
        _output.Process(wet);
        if (_dryRoundTrip is not null)
        {
            var dryUp = _dryOversampled.AsSpan(0, n * _dryRoundTrip.Factor);
            _dryRoundTrip.Upsample(dry, dryUp);
            _dryRoundTrip.Downsample(dryUp, dry);
        }
        else
        {
            _dryDelay.Process(dry);
        }

        _mixer.Process(wet, dry);
        _bypass.Process(wet, dry);
        SignalGuard.SanitizeOutput(wet);
        wet.CopyTo(block);
    }
}
