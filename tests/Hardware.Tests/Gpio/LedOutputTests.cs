using System.Device.Gpio;
using GruPedalPi.Hardware.Gpio;
using GruPedalPi.Hardware.Simulation;

namespace GruPedalPi.Hardware.Tests.Gpio;

public sealed class LedOutputTests
{
    [Fact]
    public void The_led_drives_its_pin_and_writes_only_changes()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        using var led = new LedOutput(gpio, 27);
        Assert.Equal(PinMode.Output, driver.GetMode(27));
        Assert.False(driver.GetOutput(27));
        var writes = driver.OutputWrites;
        led.Set(true);
        led.Set(true);
        Assert.True(driver.GetOutput(27));
        Assert.Equal(writes + 1, driver.OutputWrites);
        led.Set(false);
        Assert.False(driver.GetOutput(27));
    }

    [Fact]
    public void An_active_low_led_is_lit_by_a_low_level()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        using var led = new LedOutput(gpio, 22, activeHigh: false);
        Assert.True(driver.GetOutput(22));
        led.Set(true);
        Assert.False(driver.GetOutput(22));
    }

    [Fact]
    public void Blinking_allocates_nothing()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        using var led = new LedOutput(gpio, 27);
        led.Set(true);
        led.Set(false);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            led.Set((i & 1) == 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
