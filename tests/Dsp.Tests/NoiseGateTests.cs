namespace GruPedalPi.Dsp.Tests;

public sealed class NoiseGateTests
{
    private const double Rate = 48000;

    /// <summary>Bursts of a 220 Hz tone at -20 dBFS between stretches of -60 dBFS noise, 0.3 s each.</summary>
    private static float[] Bursts(int length)
    {
        var noise = Signals.Noise(length, 0.0017, 11); // uniform: RMS = 0.0017/sqrt(3), about -60 dBFS
        var tone = Signals.Sine(220, Rate, length, 0.141);
        for (int i = 0; i < length; i++)
        {
            noise[i] += (i / 14400) % 2 == 1 ? tone[i] : 0f;
        }

        return noise;
    }

    private static PedalSettings Gated()
    {
        var s = PedalSettings.Defaults;
        s[ParameterId.GateThresholdDb] = -50f;
        return s;
    }

    [Fact]
    public void The_gate_is_off_by_default_and_then_changes_nothing()
    {
        Assert.Equal(NoiseGate.OffThresholdDb, PedalSettings.Defaults[ParameterId.GateThresholdDb]);
        var x = Bursts(48000);
        var off = PedalSettings.Defaults;
        var chain = new PedalChain(new ChainOptions());
        chain.SetAll(off, immediate: true);
        chain.Prepare(Rate, 512);
        var y = (float[])x.Clone();
        chain.Process(y);
        Assert.Equal(0, chain.GateOpenings);
        Assert.Equal(1f, chain.GateGain);
        // Every other gate parameter at its extreme changes nothing while the threshold is off.
        var extremes = off;
        extremes[ParameterId.GateRangeDb] = -90f;
        extremes[ParameterId.GateReleaseMs] = 5f;
        extremes[ParameterId.GateHoldMs] = 0f;
        Assert.Equal(y, PedalChainTests.Process(new ChainOptions(), x, extremes));
    }

    [Fact]
    public void The_gated_output_is_bit_identical_whatever_the_block_size()
    {
        var x = Bursts(40000);
        var reference = PedalChainTests.Process(new ChainOptions(), x, Gated());
        foreach (int block in new[] { 1, 7, 64, 333 })
        {
            var chain = new PedalChain(new ChainOptions());
            chain.SetAll(Gated(), immediate: true);
            chain.Prepare(Rate, 512);
            var y = (float[])x.Clone();
            for (int p = 0; p < y.Length; p += block)
            {
                chain.Process(y.AsSpan(p, Math.Min(block, y.Length - p)));
            }

            Assert.Equal(reference, y);
        }
    }

    [Fact]
    public void The_gain_ramps_without_steps_and_opens_and_closes_once_per_burst()
    {
        // Attack 1 ms: the gain rises by at most 1/48 per sample; release 100 ms to -90 dB: it falls by at most 0.0187 dB
        // per sample (a factor of 0.99785). Either bound says no sample-to-sample step, i.e. no click.
        var gate = new NoiseGate();
        gate.SetThresholdDb(-50f);
        gate.Prepare(Rate, 1);
        var x = Bursts(14400 * 8);
        float previous = gate.Gain;
        var one = new float[1];
        double largestRise = 0, smallestRatio = 1;
        for (int i = 0; i < x.Length; i++)
        {
            one[0] = 1f;
            gate.Process(x.AsSpan(i, 1), one);
            largestRise = Math.Max(largestRise, gate.Gain - previous);
            smallestRatio = Math.Min(smallestRatio, gate.Gain / previous);
            previous = gate.Gain;
        }

        Assert.InRange(largestRise, 0, (1.0 / 48) + 1e-6);
        Assert.InRange(smallestRatio, Math.Pow(10, -90.0 / 20 / 4800) - 1e-6, 1);
        Assert.Equal(4, gate.Openings); // four bursts, no chatter on the -60 dBFS noise between them
    }

    [Fact]
    public void Between_the_closing_and_opening_levels_it_stays_open_and_below_them_it_closes_after_the_hold()
    {
        var gate = new NoiseGate();
        gate.SetThresholdDb(-40f);
        gate.SetHysteresisDb(10f);
        gate.SetHoldMs(100f);
        gate.Prepare(Rate, 4800);
        var unit = new float[4800];
        void Run(double rmsDb, int blocks)
        {
            for (int b = 0; b < blocks; b++)
            {
                var s = Signals.Sine(1000, Rate, 4800, Math.Sqrt(2) * Math.Pow(10, rmsDb / 20));
                Array.Fill(unit, 1f);
                gate.Process(s, unit);
            }
        }

        Run(-30, 2);
        Assert.True(gate.IsOpen);
        Run(-45, 10); // one second between -50 (closing) and -40 (opening): stays open
        Assert.True(gate.IsOpen);
        Assert.Equal(1f, gate.Gain);
        Run(-70, 1); // 100 ms below: the detector (10 ms) falls in about 30 ms, then the 100 ms hold: still open
        Assert.True(gate.IsOpen);
        Run(-70, 10);
        Assert.False(gate.IsOpen);
        Assert.Equal(MathF.Pow(10, -90f / 20), gate.Gain, 1e-9f);
        Assert.Equal(1, gate.Openings);
    }

    [Fact]
    public void Garbage_input_never_leaves_the_gain_outside_range_to_1_or_the_output_non_finite()
    {
        var chain = new PedalChain(new ChainOptions());
        chain.SetAll(Gated(), immediate: true);
        chain.Prepare(Rate, 64);
        var block = new float[64];
        for (int b = 0; b < 400; b++)
        {
            for (int i = 0; i < block.Length; i++)
            {
                block[i] = (b % 4) switch { 0 => float.NaN, 1 => float.PositiveInfinity, 2 => 1e-40f, _ => 0.3f };
            }

            chain.Process(block);
            Assert.All(block, y => Assert.True(float.IsFinite(y)));
            Assert.InRange(chain.GateGain, MathF.Pow(10, -90f / 20) * 0.999f, 1f);
        }
    }

    [Fact]
    public void Nothing_is_allocated_while_gating_and_changing_the_gate_parameters()
    {
        var chain = new PedalChain(new ChainOptions());
        chain.SetAll(Gated(), immediate: true);
        chain.Prepare(Rate, 64);
        var x = Bursts(64 * 3000);
        void Run()
        {
            for (int b = 0; b < 3000; b++)
            {
                chain.SetParameter(ParameterId.GateThresholdDb, -60f + (b % 20));
                chain.SetParameter(ParameterId.GateReleaseMs, 50f + (b % 7));
                chain.Process(x.AsSpan(b * 64, 64));
            }
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
