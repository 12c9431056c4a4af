namespace GruPedalPi.Dsp.Tests;

/// <summary>
/// One contract test over every <see cref="IAudioStage"/>: block-size independence, no allocation after Prepare,
/// playing again after NaN and infinite input (and no bad sample at all out of a stage that guards its input), and
/// Reset restoring the first output.
/// Each stage is built with settings that make it do something (a gain that is not unity, a gate that opens and
/// closes, a tone that tilts), so that a stage that ignored its input would not pass by accident.
/// </summary>
public sealed class StageContractTests
{
    private const double RateHz = 48000;
    private const int MaxBlock = 256;
    private const int Length = 4096;

    /// <summary>The stages, by name, each built fresh.</summary>
    public static TheoryData<string> Stages => new(Factories.Keys);

    // The stages that guard their own input (SignalGuard): what the audio callback or a caller feeds directly.
    private static readonly HashSet<string> EntryStages = ["minimal gated unit, exact", "minimal gated unit, fast", "pedal chain, default", "pedal chain, 4x high, fast", "pedal chain, low latency"];

    // Each stage, and what is set on it after Prepare (setters ramp from the prepared state; immediate jumps there).
    private static readonly Dictionary<string, (Func<IAudioStage> Create, Action<IAudioStage> Configure)> Factories = new()
    {
        ["bypass crossfade"] = (() => new BypassCrossfade(fadeMs: 5), s => ((BypassCrossfade)s).SetBypass(false, immediate: true)),
        ["dc blocker"] = (() => new DcBlocker(), _ => { }),
        ["dry/wet mixer"] = (() => new DryWetMixer(), s => ((DryWetMixer)s).SetMix(0.5f, immediate: true)),
        ["gain stage"] = (() => new GainStage(), s => ((GainStage)s).SetGainDb(12, immediate: true)),
        ["integer delay"] = (() => new IntegerDelay(37), _ => { }),
        ["minimal gated unit, exact"] = (() => new MinimalGatedUnit(wf: 2, wh: 3, uf: 1, uh: 1, bf: 0.5f), _ => { }),
        ["minimal gated unit, fast"] = (() => new MinimalGatedUnit(wf: 2, wh: 3, uf: 1, uh: 1, bf: 0.5f, fastMath: true), _ => { }),
        // The gate's threshold before Prepare: a gate that is on starts closed, which Prepare and Reset both give.
        ["noise gate"] = (() => { var g = new NoiseGate(); g.SetThresholdDb(-30); return g; }, _ => { }),
        ["pedal chain, default"] = (() => new PedalChain(new ChainOptions()), _ => { }),
        ["pedal chain, 4x high, fast"] = (() => new PedalChain(new ChainOptions { OversamplingFactor = 4, Quality = OversamplingQuality.High, FastMath = true }), _ => { }),
        ["pedal chain, low latency"] = (() => new PedalChain(new ChainOptions { Quality = OversamplingQuality.LowLatency }), _ => { }),
        ["tilt tone"] = (() => new TiltTone(), s => ((TiltTone)s).SetTone(0.7f, immediate: true)),
        ["voiced gated unit"] = (() => new VoicedGatedUnit(fastMath: false), _ => { }),
    };

    /// <summary>A riff-like test signal: a decaying 110 Hz tone with a harmonic, silence, then a quieter tone (the gate closes and opens).</summary>
    private static float[] Input()
    {
        var x = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            double t = i / RateHz;
            double env = i < 1500 ? Math.Exp(-t * 8) : i < 2500 ? 0 : 0.3;
            x[i] = (float)(env * ((0.6 * Math.Sin(2 * Math.PI * 110 * t)) + (0.2 * Math.Sin(2 * Math.PI * 330 * t))));
        }

        return x;
    }

    private static IAudioStage Prepared(string name)
    {
        var (create, configure) = Factories[name];
        var stage = create();
        stage.Prepare(RateHz, MaxBlock);
        configure(stage);
        return stage;
    }

    private static float[] Run(IAudioStage stage, float[] input, int blockSize)
    {
        var y = (float[])input.Clone();
        for (int i = 0; i < y.Length; i += blockSize)
        {
            stage.Process(y.AsSpan(i, Math.Min(blockSize, y.Length - i)));
        }

        return y;
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void The_output_is_the_same_to_the_bit_however_the_input_is_cut_into_blocks(string name)
    {
        var x = Input();
        var whole = Run(Prepared(name), x, MaxBlock);
        Assert.Contains(whole, v => v != 0f); // the stage passes something
        foreach (int block in new[] { 1, 7, 64, 255 })
        {
            var cut = Run(Prepared(name), x, block);
            // Bit-identical, no tolerance: smoothers and filters advance per sample, never per block.
            Assert.Equal(whole, cut);
        }
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void Processing_and_reset_allocate_nothing_after_prepare(string name)
    {
        var stage = Prepared(name);
        var x = Input();
        var block = new float[MaxBlock];
        // Warm up: the first calls run the JIT's first tier; what is measured is the steady state.
        for (int round = 0; round < 40; round++)
        {
            x.AsSpan(0, MaxBlock).CopyTo(block);
            stage.Process(block);
            stage.Reset();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i + MaxBlock <= x.Length; i += MaxBlock)
        {
            x.AsSpan(i, MaxBlock).CopyTo(block);
            stage.Process(block);
        }

        stage.Reset();
        stage.Process(block.AsSpan(0, 1));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void After_nan_and_infinite_input_the_stage_plays_again_and_an_entry_stage_never_outputs_them(string name)
    {
        var stage = Prepared(name);
        var x = Input();
        x[100] = float.NaN;
        x[200] = float.PositiveInfinity;
        x[201] = float.NegativeInfinity;
        x[300] = float.Epsilon; // subnormal
        x[301] = -1e-40f;
        for (int i = 400; i < 420; i++)
        {
            x[i] = float.NaN; // a burst of garbage, as from a failing converter
        }

        var y = Run(stage, x, 64);
        // An entry stage (the chain, the unit) guards its input: not one sample of garbage comes out. An interior stage
        // may pass a bad sample on (the chain's guard is in front of it), but its state must not keep it: from sample
        // 1500 on (the garbage, its delay and the filters' settling are past) every sample is finite again.
        int from = EntryStages.Contains(name) ? 0 : 1500;
        int bad = Array.FindIndex(y, from, v => !float.IsFinite(v));
        Assert.True(bad < 0, $"{name}: sample {bad} is {(bad >= 0 ? y[bad] : 0)}");
        // Bounded: the loudest stage here is the +12 dB gain stage on a 0.8 peak (3.2); a runaway filter is far above.
        float peak = y.AsSpan(from).ToArray().Max(MathF.Abs);
        Assert.True(peak < 8f, $"{name}: peak {peak}");

        // And it plays again: the quieter tone at the end comes through (its last 1000 samples are not silence).
        double energy = y.AsSpan(Length - 1000).ToArray().Sum(v => (double)v * v);
        Assert.True(energy > 1e-3, $"{name}: energy {energy} in the last 1000 samples after the bad input");
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void Reset_returns_the_stage_to_where_prepare_left_it(string name)
    {
        var stage = Prepared(name);
        var x = Input();
        var first = Run(stage, x, MaxBlock);
        Run(stage, Input().Reverse().ToArray(), 64); // more history in every filter, ramp and the unit's memory
        stage.Reset();
        var again = Run(stage, x, MaxBlock);
        Assert.Equal(first, again); // to the bit: Reset clears all state
    }

    [Fact]
    public void Every_public_stage_of_the_dsp_assembly_is_in_the_contract_test()
    {
        var stages = typeof(IAudioStage).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAudioStage).IsAssignableFrom(t))
            .Select(t => t.Name).ToHashSet();
        var tested = Factories.Values.Select(f => f.Create().GetType().Name).ToHashSet();
        Assert.True(stages.SetEquals(tested), $"stages {string.Join(", ", stages.Order())}; tested {string.Join(", ", tested.Order())}");
    }
}
