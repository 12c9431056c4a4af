using System.Device.Gpio;
using GruPedalPi.Hardware.Simulation;

namespace GruPedalPi.Hardware.Tests.Simulation;

public sealed class SimulatedGpioDriverTests
{
    [Fact]
    public void A_pull_up_input_reads_high_until_driven_low_and_raises_the_right_edges()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        gpio.OpenPin(17, PinMode.InputPullUp);
        var seen = new List<PinEventTypes>();
        gpio.RegisterCallbackForPinValueChangedEvent(17, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) => seen.Add(e.ChangeType));

        Assert.Equal(PinValue.High, gpio.Read(17));
        driver.SetInput(17, false);
        Assert.Equal(PinValue.Low, gpio.Read(17));
        driver.SetInput(17, false); // no change, no edge
        driver.SetInput(17, true);
        driver.ReleaseInput(17);    // the pull-up keeps it high: no edge
        Assert.Equal(new[] { PinEventTypes.Falling, PinEventTypes.Rising }, seen);
    }

    [Fact]
    public void Callbacks_registered_for_one_edge_see_only_that_edge()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        gpio.OpenPin(5, PinMode.InputPullUp);
        var falling = 0;
        gpio.RegisterCallbackForPinValueChangedEvent(5, PinEventTypes.Falling, (_, _) => falling++);
        for (var i = 0; i < 3; i++)
        {
            driver.SetInput(5, false);
            driver.SetInput(5, true);
        }

        Assert.Equal(3, falling);
    }

    [Fact]
    public void Writes_reach_an_output_pin_and_not_an_input()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        gpio.OpenPin(27, PinMode.Output);
        gpio.Write(27, PinValue.High);
        Assert.True(driver.GetOutput(27));
        gpio.Write(27, PinValue.Low);
        Assert.False(driver.GetOutput(27));

        gpio.OpenPin(4, PinMode.Input);
        var before = driver.OutputWrites;
        gpio.Write(4, PinValue.High);
        Assert.Equal(before, driver.OutputWrites);
    }

    [Fact]
    public void The_controller_accepts_a_pull_up_input_and_rejects_missing_pins()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        Assert.Equal(28, gpio.PinCount);
        Assert.True(gpio.IsPinModeSupported(17, PinMode.InputPullUp));
        Assert.False(gpio.IsPinModeSupported(40, PinMode.InputPullUp));
    }

    [Fact]
    public void Raising_an_edge_allocates_nothing()
    {
        var driver = new SimulatedGpioDriver();
        using var gpio = new GpioController(driver);
        gpio.OpenPin(17, PinMode.InputPullUp);
        var count = 0;
        gpio.RegisterCallbackForPinValueChangedEvent(17, PinEventTypes.Rising | PinEventTypes.Falling, (_, _) => count++);
        driver.SetInput(17, false);
        driver.SetInput(17, true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            driver.SetInput(17, false);
            driver.SetInput(17, true);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2002, count);
    }
}
