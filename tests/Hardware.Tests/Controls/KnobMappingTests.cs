using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Hardware.Tests.Controls;

public sealed class KnobMappingTests
{
    [Theory]
    [InlineData(KnobTaper.Linear)]
    [InlineData(KnobTaper.Log)]
    [InlineData(KnobTaper.AntiLog)]
    public void The_ends_are_exactly_the_range_and_the_curve_is_monotonic(KnobTaper taper)
    {
        var m = new KnobMapping(0.01f, 5f, taper);
        Assert.Equal(0.01f, m.ToValue(0));
        Assert.Equal(5f, m.ToValue(1));
        var last = m.ToValue(0);
        for (var i = 1; i <= 1000; i++)
        {
            var v = m.ToValue(i / 1000.0);
            Assert.True(v >= last);
            last = v;
        }
    }

    [Fact]
    public void The_tapers_put_noon_where_a_pot_would()
    {
        // Log ("A") taper: 15 % at noon; anti-log ("C"): 85 %; both within 0.5 % (the base is rounded).
        Assert.Equal(0.5, new KnobMapping(0, 1, KnobTaper.Linear).ToValue(0.5), 6);
        Assert.Equal(0.15, new KnobMapping(0, 1, KnobTaper.Log).ToValue(0.5), 2);
        Assert.Equal(0.85, new KnobMapping(0, 1, KnobTaper.AntiLog).ToValue(0.5), 2);
    }

    [Theory]
    [InlineData(KnobTaper.Linear)]
    [InlineData(KnobTaper.Log)]
    [InlineData(KnobTaper.AntiLog)]
    public void Position_is_the_inverse_of_value(KnobTaper taper)
    {
        var m = new KnobMapping(-60f, 12f, taper);
        for (var i = 0; i <= 100; i++)
        {
            var p = i / 100.0;
            // float values: 1e-5 of travel is far below one ADC step (1e-3).
            Assert.Equal(p, m.ToPosition(m.ToValue(p)), 5);
        }
    }

    [Fact]
    public void Values_outside_the_range_map_to_the_nearest_end()
    {
        var m = new KnobMapping(0f, 2f, KnobTaper.Linear);
        Assert.Equal(1, m.ToPosition(4f));
        Assert.Equal(0, m.ToPosition(-1f));
    }
}
