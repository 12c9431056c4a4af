using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Simulation;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// Runs a scenario through the control surface on simulated devices and a virtual clock, as fast as it can and
/// deterministically: the surface ticks every scan interval, and also right after each footswitch edge or preset
/// load (as the live loop wakes on them); each scenario step happens at its exact time.
/// </summary>
public static class Simulator
{
    /// <summary>Runs <paramref name="scenario"/>; events go to <paramref name="sink"/>. Returns the virtual time run.</summary>
    /// <param name="config">A validated configuration.</param>
    /// <param name="scenario">The steps.</param>
    /// <param name="sinkFactory">Creates the event sink on the simulation's clock.</param>
    /// <param name="tailMs">Time to keep running after the last step (holds, blinks), 0..60000 ms.</param>
    public static TimeSpan Run(PedalConfig config, Scenario scenario, Func<TimeProvider, IControlEventSink> sinkFactory, double tailMs = 3000)
    {
        var clock = new ManualTimeProvider();
        var sink = sinkFactory(clock);
        using var hardware = ControlHardware.CreateSimulated(config, clock);
        var pedal = new RecordingPedalControl(sink);
        var navigator = new FactoryPresetNavigator();
        using var surface = hardware.CreateSurface(pedal, navigator, sink);

        var intervalTicks = surface.ScanInterval.Ticks;
        var nextTick = intervalTicks;
        var steps = scenario.Steps;
        var end = TimeSpan.FromMilliseconds(scenario.EndMs + Math.Clamp(tailMs, 0, 60000)).Ticks;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var at = TimeSpan.FromMilliseconds(step.TimeMs).Ticks;
            while (nextTick < at)
            {
                clock.SetElapsed(TimeSpan.FromTicks(nextTick));
                surface.Tick();
                nextTick += intervalTicks;
            }

            clock.SetElapsed(TimeSpan.FromTicks(at));
            switch (step.Kind)
            {
                case ScenarioStepKind.Adc:
                    hardware.SetSimulatedKnob(step.Target, step.Value);
                    break;
                case ScenarioStepKind.Noise:
                    hardware.SetSimulatedNoise(step.Target, step.Value);
                    break;
                case ScenarioStepKind.Gpio:
                    hardware.SetSimulatedGpio(step.Target, step.Value != 0);
                    surface.Tick();
                    break;
                case ScenarioStepKind.Preset:
                    if (navigator.TryFind(step.Name!, out var preset))
                    {
                        pedal.LoadPreset(preset.Name, preset.Settings, ControlSource.Socket);
                    }

                    surface.Tick();
                    break;
                case ScenarioStepKind.Fault:
                    if (step.Value != 0)
                    {
                        surface.SetFault("scenario");
                    }
                    else
                    {
                        surface.ClearFault();
                    }

                    surface.Tick();
                    break;
            }
        }

        while (nextTick <= end)
        {
            clock.SetElapsed(TimeSpan.FromTicks(nextTick));
            surface.Tick();
            nextTick += intervalTicks;
        }

        return clock.Elapsed;
    }
}
