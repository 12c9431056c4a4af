using System.Device.Gpio;
using GruPedalPi.Hardware.Gpio;
using GruPedalPi.Hardware.Simulation;

namespace GruPedalPi.Hardware.Tests.Gpio;

public sealed class FootswitchInputTests
{
    [Fact]
    public void Edges_are_queued_with_the_clock_time_and_level()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        var clock = new ManualTimeProvider();
        using var fs = new FootswitchInput(gpio, 17, clock);
        var wakes = 0;
        fs.Wake = () => wakes++;
        Assert.Equal(PinMode.InputPullUp, driver.GetMode(17));
        Assert.False(fs.ReadPressed());

        clock.Advance(TimeSpan.FromMilliseconds(5));
        driver.SetInput(17, false);
        clock.Advance(TimeSpan.FromMilliseconds(7));
        driver.SetInput(17, true);

        Assert.True(fs.Edges.TryDequeue(out var t1, out var h1));
        Assert.True(fs.Edges.TryDequeue(out var t2, out var h2));
        Assert.Equal(TimeSpan.FromMilliseconds(5).Ticks, t1);
        Assert.False(h1);
        Assert.Equal(TimeSpan.FromMilliseconds(12).Ticks, t2);
        Assert.True(h2);
        Assert.Equal(2, wakes);
    }

    [Fact]
    public void A_pin_that_does_not_exist_is_named_in_the_error()
    {
        using var gpio = new GpioController(new SimulatedGpioDriver());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FootswitchInput(gpio, 40, new ManualTimeProvider()));
        Assert.Contains("GPIO 40", e.Message);
    }

    [Fact]
    public void Disposing_closes_the_pin_and_stops_the_callbacks()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        var fs = new FootswitchInput(gpio, 17, new ManualTimeProvider());
        fs.Dispose();
        Assert.False(driver.IsOpen(17));
        driver.SetInput(17, false);
        Assert.False(fs.Edges.TryDequeue(out _, out _));
    }
}
