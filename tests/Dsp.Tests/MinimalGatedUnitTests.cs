namespace GruPedalPi.Dsp.Tests;

public sealed class MinimalGatedUnitTests
{
    public static TheoryData<string> Sets => ReferenceSet.All();

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_exact_unit_matches_the_double_precision_reference_within_1e_5(string name)
    {
        // 1e-5: float32 evaluation of the same formula drifts from the double reference by rounding (~1e-7 per step),
        // and the recurrence's contraction keeps the accumulated drift far below 1e-5.
        var set = ReferenceSet.Load(name);
        var unit = new MinimalGatedUnit(set.Wf, set.Wh, set.Uf, set.Uh, set.Bf);
        var block = (float[])set.X.Clone();
        unit.Process(block);
        Assert.Equal(4410, block.Length);
        Assert.True(MaxError(block, set.Y) <= 1e-5, $"{name}: max error {MaxError(block, set.Y):E3}");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_fast_unit_stays_within_2e_5_of_the_exact_unit(string name)
    {
        // 2e-5: the approximations err by at most 5e-7 (tanh) and 3e-7 (sigmoid) per step; the recurrence can amplify
        // a per-step error by its loop gain, which stays near 1 on the knob ranges, so 40x headroom.
        var set = ReferenceSet.Load(name);
        var exact = (float[])set.X.Clone();
        var fast = (float[])set.X.Clone();
        new MinimalGatedUnit(set.Wf, set.Wh, set.Uf, set.Uh, set.Bf).Process(exact);
        new MinimalGatedUnit(set.Wf, set.Wh, set.Uf, set.Uh, set.Bf, fastMath: true).Process(fast);
        double max = 0;
        for (int i = 0; i < exact.Length; i++)
        {
            max = Math.Max(max, Math.Abs(exact[i] - fast[i]));
        }

        Assert.True(max <= 2e-5, $"{name}: fast vs exact {max:E3}");
    }

    [Fact]
    public void Processing_sample_by_sample_equals_processing_a_block()
    {
        var set = ReferenceSet.Load("defaults_noise");
        foreach (bool fast in new[] { false, true })
        {
            var a = new MinimalGatedUnit(set.Wf, set.Wh, set.Uf, set.Uh, set.Bf, fast);
            var b = new MinimalGatedUnit(set.Wf, set.Wh, set.Uf, set.Uh, set.Bf, fast);
            var block = (float[])set.X.Clone();
            a.Process(block);
            for (int i = 0; i < set.X.Length; i++)
            {
                Assert.Equal(block[i], b.ProcessSample(set.X[i]));
            }
        }
    }

    [Fact]
    public void The_chains_unit_at_48_kHz_without_oversampling_is_the_seed_bit_for_bit()
    {
        var set = ReferenceSet.Load("odd_and_even_harmonics");
        foreach (bool fast in new[] { false, true })
        {
            var seed = new MinimalGatedUnit(set.Wf, set.Wh, set.Uf, set.Uh, set.Bf, fast);
            var voiced = new VoicedGatedUnit(fast);
            voiced.SetParameters(set.Wf, set.Wh, set.Uf, set.Uh, set.Bf, immediate: true);
            voiced.Prepare(48000, 4410);
            var a = (float[])set.X.Clone();
            var b = (float[])set.X.Clone();
            seed.Process(a);
            voiced.Process(b);
            Assert.Equal(a, b);
            Assert.Equal(1.0, voiced.StateLagSamples);
        }
    }

    [Fact]
    public void Reset_returns_the_unit_to_rest()
    {
        var unit = new MinimalGatedUnit();
        var first = new float[] { 0.5f, -0.3f, 0.9f };
        var second = (float[])first.Clone();
        unit.Process(first);
        Assert.NotEqual(0f, unit.State);
        unit.Reset();
        unit.Process(second);
        Assert.Equal(first, second);
        Assert.Equal(0, unit.LatencySamples);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(1e30f)]
    public void A_bad_input_sample_never_wedges_the_unit(float bad)
    {
        foreach (bool fast in new[] { false, true })
        {
            var unit = new MinimalGatedUnit(0.5f, 5f, 0.5f, 0.5f, 0f, fast);
            var clean = new MinimalGatedUnit(0.5f, 5f, 0.5f, 0.5f, 0f, fast);
            var block = new float[2000];
            for (int i = 0; i < block.Length; i++)
            {
                block[i] = 0.5f * MathF.Sin(i * 0.05f);
            }

            var reference = (float[])block.Clone();
            block[100] = bad;
            unit.Process(block);
            clean.Process(reference);
            Assert.All(block, y => Assert.True(float.IsFinite(y) && MathF.Abs(y) <= 1f));
            // The unit forgets a disturbance geometrically; a thousand samples later it is back on the clean trajectory
            // (1e-4: far below audibility, far above the residual contraction after 1000 steps).
            Assert.True(MathF.Abs(block[^1] - reference[^1]) < 1e-4f);
        }
    }

    [Fact]
    public void A_decaying_tail_flushes_to_zero_instead_of_going_subnormal()
    {
        foreach (bool fast in new[] { false, true })
        {
            var unit = new MinimalGatedUnit(0.5f, 1f, 0.5f, 0.5f, 0f, fast);
            var block = new float[20000];
            block[0] = 1f;
            unit.Process(block);
            Assert.All(block, y => Assert.False(float.IsSubnormal(y)));
            Assert.Equal(0f, block[^1]);
        }
    }

    [Fact]
    public void Non_finite_parameters_are_refused_with_the_parameter_named()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new MinimalGatedUnit(wh: float.NaN));
        Assert.Equal("wh", ex.ParamName);
    }

    private static double MaxError(float[] y, double[] reference)
    {
        double max = 0;
        for (int i = 0; i < y.Length; i++)
        {
            max = Math.Max(max, Math.Abs(y[i] - reference[i]));
        }

        return max;
    }
}
