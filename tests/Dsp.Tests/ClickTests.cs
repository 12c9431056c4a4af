using Xunit.Abstractions;

namespace GruPedalPi.Dsp.Tests;

/// <summary>
/// A click is an edge in the output much steeper than the sound itself has. With a 220 Hz sine at 0.5 playing, each
/// knob jumps from one end of its range to the other; the largest sample-to-sample difference while the chain ramps
/// must stay within twice (6 dB above) the largest one of the steady sound before or after the jump. The ramp moves
/// between two sounds and must not add an edge that neither has; the factor 2 leaves room for the in-between
/// settings' own shapes (opening the gate from bf=5 lets the held state catch up with the signal within the ramp:
/// 1.7x). An unsmoothed jump breaks this bound by far (last test).
/// </summary>
public sealed class ClickTests(ITestOutputHelper output)
{
    private const double Rate = 48000;
    private const int JumpAt = 24055; // near a peak of the input sine
    private const double Bound = 2.0;

    public static TheoryData<ParameterId, bool> Jumps()
    {
        var data = new TheoryData<ParameterId, bool>();
        foreach (var p in Parameters.All)
        {
            data.Add(p.Id, true);
            data.Add(p.Id, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Jumps))]
    public void Turning_a_knob_from_end_to_end_makes_no_click(ParameterId id, bool upwards)
    {
        var info = Parameters.Get(id);
        float from = upwards ? info.KnobMin : info.KnobMax, to = upwards ? info.KnobMax : info.KnobMin;
        var (before, during, after) = Measure(chain => chain.SetParameter(id, from, immediate: true), chain => chain.SetParameter(id, to));
        output.WriteLine($"{info.Name} {from} -> {to}: steps before {before:F4}, during {during:F4}, after {after:F4}");
        Assert.True(during <= Bound * Math.Max(before, after), $"{info.Name}: step {during:F4} vs {Math.Max(before, after):F4}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Bypassing_and_engaging_make_no_click(bool bypass)
    {
        var settings = FactoryPresets.All[1].Settings; // a fuzz: the effect and the dry signal differ most
        var (before, during, after) = Measure(
            chain =>
            {
                chain.SetAll(settings, immediate: true);
                chain.SetBypass(!bypass, immediate: true);
            },
            chain => chain.SetBypass(bypass));
        Assert.True(during <= Bound * Math.Max(before, after), $"step {during:F4} vs {Math.Max(before, after):F4}");
    }

    [Fact]
    public void The_measure_detects_the_click_of_an_unsmoothed_jump()
    {
        // The same measure on a level jump without ramping (immediate) must flag it, or the tests above prove nothing.
        // The jump is tried at several points of the period: at a zero crossing of the output it would be silent.
        double worst = 0;
        for (int offset = 0; offset < 220; offset += 20)
        {
            var (before, during, after) = Measure(
                chain => chain.SetParameter(ParameterId.OutputGainDb, -60f, immediate: true),
                chain => chain.SetParameter(ParameterId.OutputGainDb, 12f, immediate: true),
                JumpAt + offset);
            worst = Math.Max(worst, during / Math.Max(before, after));
        }

        output.WriteLine($"unsmoothed level jump: {worst:F1}x the steady step");
        Assert.True(worst > 2 * Bound);
    }

    /// <summary>Largest |y[n] - y[n-1]| over a 20 ms window before the jump, during the ramp (smoothing time plus the
    /// latency and 5 ms), and over 20 ms after the sound settled.</summary>
    private static (double Before, double During, double After) Measure(Action<PedalChain> setup, Action<PedalChain> jump, int jumpAt = JumpAt)
    {
        var chain = new PedalChain(new ChainOptions());
        setup(chain);
        chain.Prepare(Rate, 64);
        var x = Signals.Sine(220, Rate, 48000, 0.5);
        chain.Process(x.AsSpan(0, jumpAt));
        jump(chain);
        chain.Process(x.AsSpan(jumpAt));
        int ramp = (int)(Rate * (chain.Options.SmoothingMs + 5) / 1000) + chain.LatencySamples;
        int window = (int)(Rate * 0.02);
        double before = MaxStep(x, jumpAt - window, jumpAt);
        double during = MaxStep(x, jumpAt, jumpAt + ramp + (int)(Rate * chain.Options.BypassFadeMs / 1000));
        int settled = jumpAt + (int)(Rate * 0.4);
        double after = MaxStep(x, settled, settled + window);
        return (before, during, after);
    }

    private static double MaxStep(float[] y, int from, int to)
    {
        double max = 0;
        for (int i = Math.Max(1, from); i < to; i++)
        {
            max = Math.Max(max, Math.Abs(y[i] - y[i - 1]));
        }

        return max;
    }
}
