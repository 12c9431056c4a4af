using System.Numerics;
using Xunit.Abstractions;

namespace GruPedalPi.Dsp.Tests;

/// <summary>
/// The low-latency mode (minimum-phase anti-aliasing filters): group delay, passband, aliasing, the alignment of the
/// blend's dry path and of the render, each measured on the running code (not on the designs).
/// </summary>
public sealed class LowLatencyTests(ITestOutputHelper output)
{
    private const double Rate = 48000;

    public static TheoryData<int> Factors() => new() { 2, 4, 8 };

    /// <summary>The host-rate impulse response of the oversampler's round trip (up then down, nothing between).</summary>
    internal static double[] RoundTripImpulse(int factor, OversamplingQuality quality, int length = 4096)
    {
        var oversampler = new Oversampler(factor, quality);
        oversampler.Prepare(Rate, length);
        var x = new float[length];
        x[0] = 1f;
        var up = new float[length * factor];
        var y = new float[length];
        oversampler.Upsample(x, up);
        oversampler.Downsample(up, y);
        return Array.ConvertAll(y, v => (double)v);
    }

    internal static Complex Response(double[] h, double frequencyHz)
    {
        var sum = Complex.Zero;
        for (int n = 0; n < h.Length; n++)
        {
            sum += h[n] * Complex.FromPolarCoordinates(1, -2 * Math.PI * frequencyHz / Rate * n);
        }

        return sum;
    }

    /// <summary>Group delay in samples from the phase slope over ±5 Hz.</summary>
    internal static double GroupDelay(double[] h, double frequencyHz)
    {
        const double d = 5;
        double phase = (Response(h, frequencyHz + d) / Response(h, frequencyHz - d)).Phase;
        return -phase / (2 * Math.PI * 2 * d / Rate);
    }

    [Theory]
    [MemberData(nameof(Factors))]
    public void The_group_delay_at_1_kHz_is_at_most_3_samples_at_2x_and_5_at_4x_and_8x_and_matches_the_latency(int factor)
    {
        var h = RoundTripImpulse(factor, OversamplingQuality.LowLatency);
        double delay = GroupDelay(h, 1000);
        var oversampler = new Oversampler(factor, OversamplingQuality.LowLatency);
        output.WriteLine($"{factor}x: group delay at 1 kHz {delay:F3} samples (designs {oversampler.GroupDelaySamples:F3}), LatencySamples {oversampler.LatencySamples}, taps {string.Join("/", oversampler.StageTapCounts)}");
        Assert.True(delay <= (factor == 2 ? 3 : 5), $"{delay:F3} samples");
        // The whole-number latency is within half a top-rate sample of the true group delay (plus 0.01 for the float taps).
        Assert.InRange(delay, oversampler.LatencySamples - (0.5 / factor) - 0.01, oversampler.LatencySamples + (0.5 / factor) + 0.01);
    }

    [Theory]
    [MemberData(nameof(Factors))]
    public void The_passband_is_flat_within_0_1_dB_up_to_18_kHz(int factor)
    {
        var h = RoundTripImpulse(factor, OversamplingQuality.LowLatency);
        double worst = 0;
        for (double f = 20; f <= 18000; f += 50)
        {
            double db = 20 * Math.Log10(Response(h, f).Magnitude);
            worst = Math.Max(worst, Math.Abs(db));
        }

        output.WriteLine($"{factor}x: largest passband deviation to 18 kHz {worst:F4} dB");
        Assert.True(worst <= 0.1, $"{worst:F4} dB");
    }

    [Theory]
    [InlineData(2, -70)]
    [InlineData(4, -90)]
    [InlineData(8, -90)]
    public void The_alias_energy_meets_its_target(int factor, double limitDbc)
    {
        double dbc = AliasingTests.MeasureDbc(new ChainOptions { OversamplingFactor = factor, Quality = OversamplingQuality.LowLatency });
        output.WriteLine($"{factor}x low-latency: {dbc:F1} dBc (Wh=5, 5 kHz at 0.5)");
        Assert.True(dbc <= limitDbc, $"{dbc:F1} dBc");
    }

    /// <summary>The chain's complex response at one frequency: a -30 dBFS sine (the unit nearly linear), correlated with
    /// the input over the last 8192 samples after 4096 of settling.</summary>
    internal static Complex ChainResponse(PedalChain chain, double frequencyHz)
    {
        var x = Signals.Sine(frequencyHz, Rate, 12288, 0.0316);
        var y = (float[])x.Clone();
        chain.Reset();
        chain.Process(y);
        Complex num = Complex.Zero, den = Complex.Zero;
        for (int i = 4096; i < x.Length; i++)
        {
            var e = Complex.FromPolarCoordinates(1, -2 * Math.PI * frequencyHz / Rate * i);
            num += y[i] * e;
            den += x[i] * e;
        }

        return num / den;
    }

    [Theory]
    [MemberData(nameof(Factors))]
    public void A_50_percent_blend_combs_by_less_than_1_dB_against_the_linear_phase_mode(int factor)
    {
        // The dry path is delayed by the whole-number latency, the wet path has the minimum-phase filters' group delay:
        // what that does to a blend is the difference of the 50 % blend's response from the linear-phase mode's (where dry
        // and wet are aligned exactly), over 50 Hz..18 kHz. The unit's own phase is in both, so it cancels.
        var settings = FactoryPresets.Find("Clean Boost")!.Settings;
        settings[ParameterId.Mix] = 0.5f;
        var linear = Prepared(new ChainOptions { OversamplingFactor = factor }, settings);
        var low = Prepared(new ChainOptions { OversamplingFactor = factor, Quality = OversamplingQuality.LowLatency }, settings);
        double low_ = double.MaxValue, high = double.MinValue;
        foreach (double f in BlendFrequencies())
        {
            double db = 20 * Math.Log10(ChainResponse(low, f).Magnitude / ChainResponse(linear, f).Magnitude);
            low_ = Math.Min(low_, db);
            high = Math.Max(high, db);
        }

        output.WriteLine($"{factor}x: 50 % blend, low-latency against linear-phase: {low_:F3} .. {high:F3} dB (ripple {high - low_:F3} dB)");
        Assert.True(high - low_ < 1, $"ripple {high - low_:F3} dB");
    }

    /// <summary>50 Hz to 18 kHz in steps of 8 %, and 18 kHz itself.</summary>
    private static IEnumerable<double> BlendFrequencies()
    {
        for (double f = 50; f < 18000; f *= 1.08)
        {
            yield return f;
        }

        yield return 18000;
    }

    private static PedalChain Prepared(ChainOptions options, in PedalSettings settings)
    {
        var chain = new PedalChain(options);
        chain.SetAll(settings, immediate: true);
        chain.Prepare(Rate, 4096);
        return chain;
    }

    [Theory]
    [MemberData(nameof(Factors))]
    public void The_output_lines_up_with_the_input_after_the_reported_latency_as_in_the_linear_phase_mode(int factor)
    {
        // Clean Boost at a low level is nearly linear: on noise in a guitar's band the cross-correlation of output and input peaks at the latency plus
        // the unit's own delay (the same in both modes). Output shifted back by LatencySamples lines up with the input as in
        // the linear-phase mode (where the filters are a pure delay) to within 0.3 samples: the whole-number latency is
        // within 1/(2*factor) of the group delay at 1 kHz, and the minimum-phase filters delay the top octave a little more.
        var options = new ChainOptions { OversamplingFactor = factor, Quality = OversamplingQuality.LowLatency };
        var linear = options with { Quality = OversamplingQuality.Standard };
        double lowLag = PeakLag(options) - new PedalChain(options).LatencySamples;
        double linearLag = PeakLag(linear) - new PedalChain(linear).LatencySamples;
        output.WriteLine($"{factor}x: peak after the latency {lowLag:F3} (low-latency) vs {linearLag:F3} (linear phase) samples");
        Assert.InRange(lowLag - linearLag, -0.3, 0.3);
    }

    /// <summary>The lag of the cross-correlation peak, refined by a parabola through the three best lags.</summary>
    private static double PeakLag(ChainOptions options)
    {
        // Noise in a guitar's band: white noise through four one-pole lowpasses at about 3 kHz.
        var x = Signals.Noise(16384, 0.2, 3);
        for (int pass = 0; pass < 4; pass++)
        {
            float state = 0;
            for (int i = 0; i < x.Length; i++)
            {
                state += 0.33f * (x[i] - state);
                x[i] = state;
            }
        }

        var y = PedalChainTests.Process(options, x, FactoryPresets.Find("Clean Boost")!.Settings);
        var c = new double[160];
        int best = 0;
        for (int lag = 0; lag < c.Length; lag++)
        {
            for (int i = 1000; i < x.Length - 200; i++)
            {
                c[lag] += y[i + lag] * x[i];
            }

            best = c[lag] > c[best] ? lag : best;
        }

        double a = c[best - 1], m = c[best], b = c[best + 1];
        return best + (0.5 * (a - b) / (a - (2 * m) + b));
    }

    [Fact]
    public void The_dry_path_is_the_input_through_the_same_round_trip_as_the_wet_bit_for_bit()
    {
        var options = new ChainOptions { Quality = OversamplingQuality.LowLatency };
        var settings = PedalSettings.Defaults;
        settings[ParameterId.Mix] = 0f;
        var x = Signals.Noise(4096, 0.5, 5);
        var y = PedalChainTests.Process(options, x, settings);
        var roundTrip = new Oversampler(2, OversamplingQuality.LowLatency);
        roundTrip.Prepare(Rate, 4096);
        var up = new float[8192];
        var expected = new float[4096];
        roundTrip.Upsample(x, up);
        roundTrip.Downsample(up, expected);
        Assert.Equal(expected, y);
    }
}
