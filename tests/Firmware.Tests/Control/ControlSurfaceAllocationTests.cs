namespace GruPedalPi.Firmware.Tests.Control;

public sealed class ControlSurfaceAllocationTests
{
    [Fact]
    public void The_control_loop_allocates_nothing_in_steady_state()
    {
        // Real Mcp3008 binding on the simulated SPI chip, real GpioController on the simulated driver:
        // knobs scanned with noise, one knob sweeping, footswitch taps and holds (preset steps), LED blinking.
        using var rig = new SurfaceRig(GruPedalPi.Firmware.Configuration.ConfigLoader.Parse("""{ "takeover": "jump" }""", "t.json"),
            hw => { for (var ch = 0; ch < 8; ch++) { hw.SetSimulatedNoise(ch, 2); } });
        rig.Recording = false;
        var pin = rig.Config.Footswitch.Pin!.Value;
        var interval = rig.Surface.ScanInterval;

        void Run(int ticks)
        {
            for (var i = 0; i < ticks; i++)
            {
                var raw = (i * 3) % 2046;
                rig.Hardware.SetSimulatedKnob(0, raw < 1023 ? raw : 2045 - raw);
                var phase = i % 1000;
                if (phase == 0 || phase == 500)
                {
                    rig.Hardware.SetSimulatedGpio(pin, false);      // press
                }

                if (phase == 1 || phase == 501)
                {
                    rig.Hardware.SetSimulatedGpio(pin, true);       // bounce
                }

                if (phase == 2 || phase == 502)
                {
                    rig.Hardware.SetSimulatedGpio(pin, false);
                }

                if (phase == 50 || phase == 900)
                {
                    rig.Hardware.SetSimulatedGpio(pin, true);      // tap release / hold release
                }

                if (i == ticks / 2)
                {
                    rig.Surface.SetFault("test");
                }

                rig.Clock.Advance(interval);
                rig.Surface.Tick();
            }

            rig.Surface.ClearFault();
        }

        Run(5000); // warm-up: JIT, first-time paths
        var changes = rig.Pedal.ParameterChanges;
        var presets = rig.Pedal.PresetLoads;
        var bypass = rig.Pedal.BypassChanges;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(20_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        // It did work: knob changes, taps and holds.
        Assert.True(rig.Pedal.ParameterChanges - changes > 1000);
        Assert.True(rig.Pedal.PresetLoads - presets >= 19);
        Assert.True(rig.Pedal.BypassChanges - bypass >= 19); // one tap (on its release) per 1000 ticks
    }
}
