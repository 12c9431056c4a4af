namespace GruPedalPi.Dsp.Tests;

public sealed class StageTests
{
    [Fact]
    public void The_smoother_reaches_its_target_exactly_after_the_ramp_time()
    {
        var s = default(LinearSmoother);
        s.Prepare(48000, 4.5); // 216 samples
        s.SetTarget(5f);
        float last = 0;
        for (int i = 0; i < 216; i++)
        {
            float v = s.Next();
            Assert.True(v >= last);
            last = v;
        }

        Assert.Equal(5f, last);
        Assert.False(s.IsRamping);
    }

    [Fact]
    public void The_dc_blocker_removes_a_constant_offset_and_passes_audio()
    {
        var dc = new DcBlocker();
        dc.Prepare(48000, 4800);
        var x = Signals.Sine(220, 48000, 48000, 0.5);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] += 0.3f;
        }

        dc.Process(x);
        double mean = 0;
        for (int i = 38400; i < 48000; i++)
        {
            mean += x[i];
        }

        // A second in, the offset is gone (time constant 16 ms) and 220 Hz passes within 0.01 dB.
        Assert.True(Math.Abs(mean / 9600) < 1e-4);
        var amplitudes = Signals.HarmonicAmplitudes(x, 220, 48000, 9600, 1);
        Assert.InRange(Signals.Db(amplitudes[1] / 0.5), -0.01, 0.01);
    }

    [Fact]
    public void The_tone_at_zero_is_exactly_flat_and_tilts_by_6_dB_at_its_ends()
    {
        var x = Signals.Noise(4800, 0.5, 1);
        var flat = new TiltTone();
        flat.Prepare(48000, 4800);
        var y = (float[])x.Clone();
        flat.Process(y);
        Assert.Equal(x, y);

        foreach (float tone in new[] { 1f, -1f })
        {
            // Far above the pivot the gain tends to +-6 dB, far below to -+6 dB (within 0.5 dB at 50 Hz and 15 kHz).
            Assert.InRange(GainDb(tone, 15000), (6 * tone) - 0.5, (6 * tone) + 0.5);
            Assert.InRange(GainDb(tone, 50), (-6 * tone) - 0.5, (-6 * tone) + 0.5);
        }

        static double GainDb(float tone, double hz)
        {
            var t = new TiltTone();
            t.SetTone(tone, immediate: true);
            t.Prepare(48000, 48000);
            var s = Signals.Sine(hz, 48000, 48000, 0.1);
            t.Process(s);
            var a = Signals.HarmonicAmplitudes(s, hz, 48000, 24000, 1);
            return Signals.Db(a[1] / 0.1);
        }
    }

    [Fact]
    public void The_integer_delay_delays_by_exactly_its_length()
    {
        var d = new IntegerDelay(5);
        var x = Enumerable.Range(1, 20).Select(i => (float)i).ToArray();
        d.Process(x.AsSpan(0, 3));
        d.Process(x.AsSpan(3));
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 1, 2, 3 }, x[..8]);
    }
}
