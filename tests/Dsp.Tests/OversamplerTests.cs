namespace GruPedalPi.Dsp.Tests;

public sealed class OversamplerTests
{
    public static TheoryData<int, OversamplingQuality> Settings()
    {
        var data = new TheoryData<int, OversamplingQuality>();
        foreach (int factor in new[] { 2, 4, 8 })
        {
            data.Add(factor, OversamplingQuality.Standard);
            data.Add(factor, OversamplingQuality.High);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_round_trip_is_a_pure_delay_of_the_reported_whole_number_of_samples(int factor, OversamplingQuality quality)
    {
        // Up then down with nothing between: a band-limited signal comes back delayed by LatencySamples. 2e-4 is the
        // passband ripple allowance (a Kaiser design at 90 dB ripples by about 3e-5 per filter) plus float rounding.
        var oversampler = new Oversampler(factor, quality);
        oversampler.Prepare(48000, 256);
        var x = Signals.Sine(1000, 48000, 4096, 0.5);
        var n = Signals.Sine(7777, 48000, 4096, 0.25);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] += n[i];
        }

        var y = new float[x.Length];
        var up = new float[256 * factor];
        for (int start = 0; start < x.Length; start += 256)
        {
            oversampler.Upsample(x.AsSpan(start, 256), up);
            oversampler.Downsample(up, y.AsSpan(start, 256));
        }

        int latency = oversampler.LatencySamples;
        for (int i = 1000; i < x.Length; i++)
        {
            Assert.True(MathF.Abs(y[i] - x[i - latency]) < 2e-4f, $"at {i}: {y[i]} vs {x[i - latency]}");
        }
    }

    [Theory]
    [InlineData(OversamplingQuality.Standard, 88)]
    [InlineData(OversamplingQuality.High, 122)]
    public void The_host_side_stage_passes_up_to_20_kHz_and_stops_everything_above_the_host_Nyquist(OversamplingQuality quality, double minAttenuationDb)
    {
        // Frequencies in units of the stage's rate (twice the host's): passband to 20/96, stopband from 24/96 = 0.25.
        // The Kaiser method lands within a dB or two of its target (90 or 125 dB); the passband must stay within 0.001 dB.
        double attenuation = quality == OversamplingQuality.High ? 125 : 90;
        var taps = Oversampler.DesignStage(1, attenuation);
        for (int i = 0; i <= 2000; i++)
        {
            double f = Oversampler.PassbandEdgeOfHostRate / 2 * i / 2000;
            Assert.InRange(Signals.Db(FirDesign.Magnitude(taps, f)), -0.001, 0.001);
        }

        for (int i = 0; i <= 4000; i++)
        {
            double f = 0.25 + (0.25 * i / 4000);
            Assert.True(Signals.Db(FirDesign.Magnitude(taps, f)) <= -minAttenuationDb, $"at {f * 96:F2} kHz");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void The_further_stages_are_halfbands_that_stop_what_would_fold_onto_the_host_band(int stage)
    {
        var taps = Oversampler.DesignStage(stage, 90);
        int centre = taps.Length / 2;
        Assert.Equal(0.5, taps[centre]);
        for (int m = 2; m <= centre; m += 2)
        {
            Assert.Equal(0.0, taps[centre + m]);
        }

        // At the stage's rate 2^stage * fs, the host band is 0..fs/2 and what folds onto it starts at 2^(stage-1)*fs - fs/2.
        double rate = 1 << stage;
        for (int i = 0; i <= 1000; i++)
        {
            double pass = 0.5 / rate * i / 1000;
            Assert.InRange(Signals.Db(FirDesign.Magnitude(taps, pass)), -0.001, 0.001);
            double stop = (0.5 - (0.5 / rate)) + ((0.5 / rate) * i / 1000);
            Assert.True(Signals.Db(FirDesign.Magnitude(taps, stop)) <= -88);
        }
    }

    [Fact]
    public void The_latency_is_known_before_prepare_and_grows_with_quality()
    {
        Assert.Equal(0, new Oversampler(1, OversamplingQuality.High).LatencySamples);
        Assert.True(new Oversampler(2, OversamplingQuality.High).LatencySamples > new Oversampler(2, OversamplingQuality.Standard).LatencySamples);
        Assert.Equal(new Oversampler(8, OversamplingQuality.Standard).LatencySamples, new PedalChain(new ChainOptions { OversamplingFactor = 8 }).LatencySamples);
    }
}
