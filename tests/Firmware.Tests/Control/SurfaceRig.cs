using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Controls;
using GruPedalPi.Hardware.Simulation;

namespace GruPedalPi.Firmware.Tests.Control;

/// <summary>A control surface on simulated devices (real Mcp3008/Ads1115/GpioController) and a virtual clock.</summary>
internal sealed class SurfaceRig : IDisposable, IControlEventSink
{
    public SurfaceRig(PedalConfig? config = null, Action<ControlHardware>? beforeSurface = null)
    {
        Config = config ?? ConfigLoader.Defaults();
        Clock = new ManualTimeProvider();
        Hardware = ControlHardware.CreateSimulated(Config, Clock);
        beforeSurface?.Invoke(Hardware);
        Pedal = new RecordingPedalControl(this);
        Navigator = new FactoryPresetNavigator();
        Surface = Hardware.CreateSurface(Pedal, Navigator, this);
    }

    public PedalConfig Config { get; }
    public ManualTimeProvider Clock { get; }
    public ControlHardware Hardware { get; }
    public RecordingPedalControl Pedal { get; }
    public FactoryPresetNavigator Navigator { get; }
    public ControlSurface Surface { get; }
    public List<string> Events { get; } = [];
    public bool Recording { get; set; } = true;

    public double NowMs => Clock.Elapsed.TotalMilliseconds;

    /// <summary>Ticks every scan interval up to <paramref name="ms"/> (absolute).</summary>
    public void RunTo(double ms)
    {
        var interval = Surface.ScanInterval;
        while (Clock.Elapsed + interval <= TimeSpan.FromMilliseconds(ms))
        {
            Clock.Advance(interval);
            Surface.Tick();
        }

        var target = TimeSpan.FromMilliseconds(ms);
        if (Clock.Elapsed < target)
        {
            Clock.SetElapsed(target);
            Surface.Tick();
        }
    }

    /// <summary>Footswitch level at an absolute time (true = pressed), then a tick as the live loop's wake-up does.</summary>
    public void Footswitch(double ms, bool pressed)
    {
        RunTo(ms);
        Hardware.SetSimulatedGpio(Config.Footswitch.Pin!.Value, !pressed);
        Surface.Tick();
    }

    public void Knob(int channel, int raw) => Hardware.SetSimulatedKnob(channel, raw);

    public void OnParameter(ParameterId id, float value, ControlSource source)
    {
        if (Recording)
        {
            Events.Add($"param {Parameters.Get(id).Name} {source}");
        }
    }

    public void OnBypass(bool bypassed, ControlSource source)
    {
        if (Recording)
        {
            Events.Add($"bypass {(bypassed ? "off" : "on")}@{NowMs}");
        }
    }

    public void OnPreset(string name, ControlSource source)
    {
        if (Recording)
        {
            Events.Add($"preset {name}@{NowMs}");
        }
    }

    public void OnLed(LedMode mode)
    {
        if (Recording)
        {
            Events.Add($"led {mode}");
        }
    }

    public void OnPickup(ParameterId id)
    {
        if (Recording)
        {
            Events.Add($"pickup {Parameters.Get(id).Name}");
        }
    }

    public void Dispose()
    {
        Surface.Dispose();
        Hardware.Dispose();
    }
}
