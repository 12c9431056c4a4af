using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Hardware.Tests.Controls;

public sealed class KnobFilterTests
{
    private static readonly KnobFilterSettings Defaults = new();

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(511)]
    [InlineData(1020)]
    [InlineData(1023)]
    public void A_resting_knob_with_two_lsb_of_random_noise_never_moves(int centre)
    {
        var filter = new KnobFilter(Defaults);
        var rng = new Random(centre + 1);
        filter.Reset(Math.Clamp(centre + rng.Next(-2, 3), 0, 1023));
        for (var i = 0; i < 100_000; i++)
        {
            Assert.False(filter.Update(Math.Clamp(centre + rng.Next(-2, 3), 0, 1023)));
        }
    }

    [Fact]
    public void The_worst_noise_patterns_never_move_a_resting_knob()
    {
        // Square waves, bursts at one extreme then the other: +/-2 LSB around 600.
        int[][] patterns =
        [
            [2, -2],
            [2, 2, 2, 2, 2, 2, 2, 2, -2, -2, -2, -2, -2, -2, -2, -2],
            [-2, -2, -2, -2, -2, -2, -2, -2, -2, -2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
            [2, 2, -2],
        ];
        foreach (var pattern in patterns)
        {
            foreach (var start in new[] { -2, 2 })
            {
                var filter = new KnobFilter(Defaults);
                filter.Reset(600 + start);
                for (var i = 0; i < 10_000; i++)
                {
                    Assert.False(filter.Update(600 + pattern[i % pattern.Length]));
                }
            }
        }
    }

    [Fact]
    public void After_a_turn_the_noise_of_the_resting_knob_produces_no_change()
    {
        var filter = new KnobFilter(Defaults);
        filter.Reset(100);
        var rng = new Random(7);
        for (var raw = 100; raw <= 700; raw += 10)
        {
            filter.Update(raw);
        }

        // Let the smoother settle on the new position (50 scans = 100 ms), then rest with noise.
        for (var i = 0; i < 50; i++)
        {
            filter.Update(700 + rng.Next(-2, 3));
        }

        for (var i = 0; i < 100_000; i++)
        {
            Assert.False(filter.Update(700 + rng.Next(-2, 3)));
        }
    }

    [Fact]
    public void A_single_reading_spike_is_rejected()
    {
        var filter = new KnobFilter(Defaults);
        filter.Reset(400);
        var before = filter.Position;
        filter.Update(400);
        Assert.False(filter.Update(900));
        Assert.False(filter.Update(400));
        Assert.False(filter.Update(400));
        Assert.Equal(before, filter.Position);
    }

    [Fact]
    public void A_full_sweep_up_then_down_is_monotonic_with_exact_ends()
    {
        var filter = new KnobFilter(Defaults);
        filter.Reset(0);
        Assert.Equal(0, filter.Position);
        var last = 0.0;
        for (var raw = 0; raw <= 1023; raw++)
        {
            filter.Update(raw);
            Assert.True(filter.Position >= last, $"position went down at raw {raw}");
            last = filter.Position;
        }

        for (var i = 0; i < 20; i++)
        {
            filter.Update(1023);
        }

        Assert.Equal(1, filter.Position);
        last = 1;
        for (var raw = 1023; raw >= 0; raw--)
        {
            filter.Update(raw);
            Assert.True(filter.Position <= last, $"position went up at raw {raw}");
            last = filter.Position;
        }

        for (var i = 0; i < 20; i++)
        {
            filter.Update(0);
        }

        Assert.Equal(0, filter.Position);
    }

    [Fact]
    public void A_pot_that_never_quite_reaches_its_ends_still_gives_exactly_0_and_1()
    {
        var filter = new KnobFilter(Defaults);
        filter.Reset(512);
        for (var i = 0; i < 50; i++)
        {
            filter.Update(1016); // wiper resistance: 7 LSB short of the top
        }

        Assert.Equal(1, filter.Position);
        for (var i = 0; i < 50; i++)
        {
            filter.Update(6);
        }

        Assert.Equal(0, filter.Position);
    }

    [Fact]
    public void A_real_turn_shows_within_20_ms_at_the_default_scan_rate()
    {
        // 2 ms scans: a slow turn (300 LSB/s, a quarter turn in a second) must move the output within 10 scans.
        var filter = new KnobFilter(Defaults);
        filter.Reset(300);
        var scans = 0;
        var raw = 300.0;
        while (!filter.Update(Math.Round(raw)))
        {
            raw += 300 * 0.002;
            scans++;
            Assert.True(scans <= 10, "no change within 20 ms");
        }

        // A fast flick across the whole range settles to within the dead band of the end within 20 ms.
        filter = new KnobFilter(Defaults);
        filter.Reset(0);
        for (var i = 0; i < 10; i++)
        {
            filter.Update(1023);
        }

        Assert.Equal(1, filter.Position);
    }
}
