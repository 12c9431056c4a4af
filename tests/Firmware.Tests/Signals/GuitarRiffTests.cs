using GruPedalPi.Firmware.Signals;

namespace GruPedalPi.Firmware.Tests.Signals;

public sealed class GuitarRiffTests
{
    [Fact]
    public void The_riff_is_eight_seconds_deterministic_and_peaks_at_its_level()
    {
        var a = GuitarRiff.Render();
        var b = GuitarRiff.Render();

        Assert.Equal(8 * 48000, a.Length);
        Assert.Equal(a, b);
        Assert.Equal(GuitarRiff.PeakLevel, a.Max(MathF.Abs), 6);
        Assert.All(a, s => Assert.True(float.IsFinite(s)));
    }

    [Fact]
    public void The_riff_plays_in_every_half_second()
    {
        var riff = GuitarRiff.Render();
        // Every half second holds playing: RMS above -50 dBFS.
        for (int start = 0; start < riff.Length; start += 24000)
        {
            double rms = Math.Sqrt(riff.AsSpan(start, 24000).ToArray().Average(s => (double)s * s));
            Assert.True(20 * Math.Log10(rms) > -50, $"half-second at {start / 48000.0:0.0} s: {20 * Math.Log10(rms):0.0} dBFS");
        }
    }

    [Theory]
    [InlineData(82.41)]
    [InlineData(110.0)]
    [InlineData(329.63)]
    public void A_plucked_string_is_in_tune(double frequencyHz)
    {
        var s = new PluckedString(frequencyHz, 48000, ringSeconds: 3, brightness: 0.8f, velocity: 1f, seed: 7);
        var buffer = new float[48000];
        s.AddTo(buffer, 1f);

        // Autocorrelation peak near one period, refined by parabolic interpolation, over the settled part.
        var x = buffer.AsSpan(4800, 19200);
        int expected = (int)Math.Round(48000 / frequencyHz);
        double best = double.NegativeInfinity;
        int lag = 0;
        var r = new double[(expected * 2) + 2];
        for (int l = expected / 2; l < r.Length; l++)
        {
            double sum = 0;
            for (int i = 0; i + l < x.Length; i++)
            {
                sum += x[i] * x[i + l];
            }

            r[l] = sum;
            if (l > expected * 3 / 4 && l < expected * 5 / 4 && sum > best)
            {
                best = sum;
                lag = l;
            }
        }

        double delta = 0.5 * (r[lag - 1] - r[lag + 1]) / (r[lag - 1] - (2 * r[lag]) + r[lag + 1]);
        double measuredHz = 48000 / (lag + delta);
        // Within 5 cents (0.3 %): a guitarist hears about 5-10 cents.
        double cents = 1200 * Math.Log2(measuredHz / frequencyHz);
        Assert.True(Math.Abs(cents) < 5, $"{measuredHz:0.00} Hz is {cents:0.0} cents off {frequencyHz} Hz");
    }
}
