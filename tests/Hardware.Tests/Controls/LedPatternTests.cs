using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Hardware.Tests.Controls;

public sealed class LedPatternTests
{
    private static int CountBlinks(LedPattern led, long fromUs, long toUs)
    {
        var blinks = 0;
        var was = false;
        for (var t = fromUs; t < toUs; t += 1000)
        {
            var lit = led.Evaluate(t, out _);
            if (lit && !was)
            {
                blinks++;
            }

            was = lit;
        }

        return blinks;
    }

    [Fact]
    public void Steady_on_when_engaged_and_dark_when_bypassed()
    {
        var led = new LedPattern { Engaged = true };
        Assert.True(led.Evaluate(0, out var mode));
        Assert.Equal(LedMode.On, mode);
        led.Engaged = false;
        Assert.False(led.Evaluate(1000, out mode));
        Assert.Equal(LedMode.Off, mode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void A_preset_change_blinks_its_position_then_returns_to_steady(int position)
    {
        var led = new LedPattern { Engaged = true };
        led.StartBlink(position, 1_000_000);
        var end = 1_000_000 + LedPattern.GapUs + position * (LedPattern.BlinkOnUs + LedPattern.BlinkOffUs);
        Assert.Equal(position, CountBlinks(led, 1_000_000, end));
        led.Evaluate(end - 1, out var mode);
        Assert.Equal(LedMode.Blink, mode);
        Assert.True(led.Evaluate(end, out mode));
        Assert.Equal(LedMode.On, mode);
    }

    [Fact]
    public void A_fault_blinks_fast_over_everything_until_cleared()
    {
        var led = new LedPattern { Engaged = true, Fault = true };
        led.StartBlink(2, 0);
        Assert.Equal(10, CountBlinks(led, 0, 1_000_000));
        led.Evaluate(0, out var mode);
        Assert.Equal(LedMode.Fault, mode);
        led.Fault = false;
        led.Engaged = false;
        Assert.False(led.Evaluate(5_000_000, out mode));
        Assert.Equal(LedMode.Off, mode);
    }
}
