using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Adc;
using GruPedalPi.Hardware.Gpio;
using GruPedalPi.Hardware.Simulation;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// The control devices of a configuration, opened on the Pi's buses (<see cref="Open"/>) or on simulated chips
/// (<see cref="CreateSimulated"/>: the real Mcp3008/Ads1115/GpioController classes on simulated SPI, I2C and
/// GPIO), and the <see cref="ControlSurface"/> built on them. Owns and disposes the devices.
/// </summary>
public sealed class ControlHardware : IDisposable
{
    private readonly PedalConfig _config;
    private readonly List<FootswitchInput> _footswitches = [];

    private ControlHardware(PedalConfig config, TimeProvider time)
    {
        _config = config;
        Time = time;
    }

    /// <summary>The clock the footswitch edges are stamped with (and the surface runs on).</summary>
    public TimeProvider Time { get; }

    /// <summary>The knobs' converter, or null when the configuration has none.</summary>
    public IKnobAdc? Adc { get; private set; }

    /// <summary>The GPIO controller, or null when neither footswitch nor LED is configured.</summary>
    public GpioController? Gpio { get; private set; }

    /// <summary>The first footswitch, or null.</summary>
    public FootswitchInput? Footswitch => Footswitches.Count > 0 ? Footswitches[0] : null;

    /// <summary>Every footswitch, in the configuration's order.</summary>
    public IReadOnlyList<FootswitchInput> Footswitches => _footswitches;

    /// <summary>The LED, or null.</summary>
    public LedOutput? Led { get; private set; }

    /// <summary>The simulated MCP3008 (simulated hardware with that ADC), else null.</summary>
    public SimulatedMcp3008? SimulatedMcp3008 { get; private set; }

    /// <summary>The simulated ADS1115 (simulated hardware with that ADC), else null.</summary>
    public SimulatedAds1115? SimulatedAds1115 { get; private set; }

    /// <summary>The simulated GPIO driver (simulated hardware), else null.</summary>
    public SimulatedGpioDriver? SimulatedGpio { get; private set; }

    /// <summary>True for simulated devices.</summary>
    public bool IsSimulated => SimulatedGpio is not null;

    /// <summary>Opens the real devices of a validated configuration. Throws <see cref="InvalidOperationException"/>
    /// naming the device and the configuration field when one cannot be opened.</summary>
    public static ControlHardware Open(PedalConfig config, TimeProvider? time = null)
    {
        var hw = new ControlHardware(config, time ?? TimeProvider.System);
        try
        {
            var a = config.Adc;
            var adcUsed = config.ResolvedKnobs.Count > 0 || config.Expression.Channel is not null;
            if (a.Type == "mcp3008" && adcUsed)
            {
                hw.Adc = Try($"adc: MCP3008 on /dev/spidev{a.EffectiveBus}.{a.ChipSelect}",
                    () => Mcp3008KnobAdc.Open(a.EffectiveBus, a.ChipSelect, a.ClockHz));
            }
            else if (a.Type == "ads1115" && adcUsed)
            {
                hw.Adc = Try($"adc: ADS1115 at 0x{a.Address:X2} on /dev/i2c-{a.EffectiveBus}",
                    () => Ads1115KnobAdc.Open(a.EffectiveBus, a.Address, a.SupplyVolts));
            }

            if (config.ResolvedFootswitches.Count > 0 || config.Led.Pin is not null)
            {
                // The kernel's GPIO character device through libgpiod, on the configured chip: what a Pi 1..5 offers
                // under the unit's DevicePolicy (char-gpiochip). GpioController's own board detection would pick the
                // Pi's /dev/gpiomem driver, which the sandbox does not let through.
                hw.Gpio = Try($"gpioChip: GPIO chip /dev/gpiochip{config.GpioChip} (libgpiod)",
                    () => new GpioController(new LibGpiodDriver(config.GpioChip)));
            }

            hw.OpenGpio();
            return hw;
        }
        catch
        {
            hw.Dispose();
            throw;
        }
    }

    /// <summary>Builds simulated devices for a validated configuration: every knob at mid-travel, footswitch up.</summary>
    public static ControlHardware CreateSimulated(PedalConfig config, TimeProvider time)
    {
        var hw = new ControlHardware(config, time);
        switch (config.Adc.Type)
        {
            case "mcp3008":
                hw.SimulatedMcp3008 = new SimulatedMcp3008();
                hw.Adc = new Mcp3008KnobAdc(hw.SimulatedMcp3008);
                break;
            case "ads1115":
                hw.SimulatedAds1115 = new SimulatedAds1115(config.Adc.SupplyVolts);
                hw.Adc = new Ads1115KnobAdc(hw.SimulatedAds1115, config.Adc.SupplyVolts);
                break;
        }

        hw.SimulatedGpio = new SimulatedGpioDriver();
        hw.Gpio = new GpioController(hw.SimulatedGpio);
        hw.OpenGpio();
        return hw;
    }

    /// <summary>Builds the control surface on these devices.</summary>
    /// <param name="pedal">What the controls change (the live service's, or a <see cref="RecordingPedalControl"/>).</param>
    /// <param name="navigator">The set list (e.g. <see cref="FactoryPresetNavigator"/>).</param>
    /// <param name="sink">Receives pickups and LED modes, or null.</param>
    /// <param name="options">Changes to the configuration's options (a learned MIDI map, the pedal's calibration), or null.</param>
    public ControlSurface CreateSurface(IPedalControl pedal, IPresetNavigator navigator, IControlEventSink? sink = null,
        Func<ControlSurfaceOptions, ControlSurfaceOptions>? options = null)
    {
        var o = ControlSurfaceOptions.FromConfig(_config);
        return new(options is null ? o : options(o), Adc, Footswitches, Led, pedal, navigator, Time, sink);
    }

    /// <summary>Simulated hardware: sets a knob's channel as a 0..1023 code (scaled to the supply for the ADS1115).</summary>
    public void SetSimulatedKnob(int channel, int raw)
    {
        if (SimulatedMcp3008 is not null)
        {
            SimulatedMcp3008.SetRaw(channel, raw);
        }
        else if (SimulatedAds1115 is not null)
        {
            SimulatedAds1115.SetRaw(channel, raw);
        }
        else
        {
            throw new InvalidOperationException("no simulated ADC");
        }
    }

    /// <summary>Simulated hardware: adds +/-<paramref name="lsb"/> codes of noise (of the 0..1023 scale) to a channel.</summary>
    public void SetSimulatedNoise(int channel, int lsb)
    {
        if (SimulatedMcp3008 is not null)
        {
            SimulatedMcp3008.SetNoise(channel, lsb);
        }
        else if (SimulatedAds1115 is not null)
        {
            var fullScale = Adc!.FullScale;
            SimulatedAds1115.SetNoise(channel, (int)Math.Round(lsb * fullScale / 1023.0));
        }
        else
        {
            throw new InvalidOperationException("no simulated ADC");
        }
    }

    /// <summary>Simulated hardware: drives a GPIO input (the footswitch: false = pressed to ground).</summary>
    public void SetSimulatedGpio(int pin, bool high) =>
        (SimulatedGpio ?? throw new InvalidOperationException("no simulated GPIO")).SetInput(pin, high);

    private void OpenGpio()
    {
        if (Gpio is null)
        {
            return;
        }

        for (var i = 0; i < _config.ResolvedFootswitches.Count; i++)
        {
            var fp = _config.ResolvedFootswitches[i].Pin;
            var field = _config.Footswitches is null ? "footswitch.pin" : $"footswitches[{i}].pin";
            _footswitches.Add(Try($"{field}: GPIO {fp}", () => new FootswitchInput(Gpio, fp, Time)));
        }

        if (_config.Led.Pin is { } lp)
        {
            Led = Try($"led.pin: GPIO {lp}", () => new LedOutput(Gpio, lp, _config.Led.ActiveHigh));
        }
    }

    private static T Try<T>(string what, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{what}: cannot open: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var f in _footswitches)
        {
            f.Dispose();
        }

        _footswitches.Clear();
        Led?.Dispose();
        Gpio?.Dispose();
        Adc?.Dispose();
        Led = null;
        Gpio = null;
        Adc = null;
    }
}
