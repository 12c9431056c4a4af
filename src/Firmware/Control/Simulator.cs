using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Hardware.Simulation;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// Runs a scenario through the control surface on simulated devices and a virtual clock, as fast as it can and
/// deterministically: the surface ticks every scan interval, and also right after each footswitch edge or preset
/// load (as the live loop wakes on them); each scenario step happens at its exact time.
/// </summary>
public static class Simulator
{
    /// <summary>Runs <paramref name="scenario"/>; events go to the sink <paramref name="sinkFactory"/> makes. Returns the virtual time run.</summary>
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
            ScenarioActions.Apply(step, hardware, surface, navigator, pedal);
            if (step.Kind is not (ScenarioStepKind.Adc or ScenarioStepKind.Noise))
            {
                // An edge, a preset load or a fault is acted on at once; knobs wait for the next scan.
                surface.Tick();
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
