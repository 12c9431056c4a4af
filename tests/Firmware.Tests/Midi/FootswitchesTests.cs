using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Tests.Control;

namespace GruPedalPi.Firmware.Tests.Midi;

public sealed class FootswitchesTests
{
    private static void Press(SurfaceRig rig, int pin, double atMs, double forMs)
    {
        rig.RunTo(atMs);
        rig.Hardware.SetSimulatedGpio(pin, false);
        rig.Surface.Tick();
        rig.RunTo(atMs + forMs);
        rig.Hardware.SetSimulatedGpio(pin, true);
        rig.Surface.Tick();
        rig.RunTo(atMs + forMs + 50);
    }

    [Fact]
    public void Four_footswitches_each_do_their_own_tap_and_hold()
    {
        var config = ConfigLoader.Parse("""
            { "footswitches": [
                { "pin": 17 },
                { "pin": 22, "tap": "previous-preset", "hold": "none" },
                { "pin": 23, "tap": "preset:Odd Fuzz", "hold": "setlist:3" },
                { "pin": 24, "tap": "none", "hold": "bypass" } ] }
            """, "c.json");
        using var rig = new SurfaceRig(config);
        Assert.Equal(4, rig.Surface.FootswitchCount);

        Press(rig, 23, 100, 100); // tap: a preset by name
        Assert.Equal("Odd Fuzz", rig.Pedal.CurrentPreset);
        Press(rig, 22, 500, 80); // tap: previous in the set list (before Odd Fuzz, second)
        Assert.Equal(FactoryPresets.All[0].Name, rig.Pedal.CurrentPreset);
        Press(rig, 23, 1000, 800); // hold: set-list position 3
        Assert.Equal(FactoryPresets.All[2].Name, rig.Pedal.CurrentPreset);
        Press(rig, 24, 3000, 100); // tap does nothing
        Assert.False(rig.Pedal.Bypassed);
        Press(rig, 24, 4000, 700); // hold bypasses
        Assert.True(rig.Pedal.Bypassed);
        Press(rig, 17, 6000, 100); // the first switch keeps the defaults: tap bypass (on the release)
        Assert.False(rig.Pedal.Bypassed);
        Assert.Equal(3, rig.Pedal.PresetLoads); // name, previous, set-list position
    }

    [Fact]
    public void Two_switches_pressed_together_are_two_gestures()
    {
        var config = ConfigLoader.Parse("""{ "footswitches": [ { "pin": 17, "hold": "none" }, { "pin": 22, "tap": "next-preset", "hold": "none" } ] }""", "c.json");
        using var rig = new SurfaceRig(config);
        rig.RunTo(100);
        rig.Hardware.SetSimulatedGpio(17, false);
        rig.Hardware.SetSimulatedGpio(22, false);
        rig.Surface.Tick();
        Assert.True(rig.Pedal.Bypassed);
        Assert.Equal(FactoryPresets.All[0].Name, rig.Pedal.CurrentPreset);
        Assert.True(rig.Surface.IsPressed(0) && rig.Surface.IsPressed(1));
    }

    [Fact]
    public void A_scenario_drives_every_footswitch_pin_and_refuses_other_pins()
    {
        var config = ConfigLoader.Parse("""{ "footswitches": [ { "pin": 17 }, { "pin": 22, "tap": "next-preset", "hold": "none" } ] }""", "c.json");
        var nav = new GruPedalPi.Firmware.Control.FactoryPresetNavigator();
        var ok = GruPedalPi.Firmware.Control.Scenario.Parse("10 gpio 22 0\n20 gpio 22 1\n", "s.txt", config, nav);
        Assert.Equal(2, ok.Steps.Count);
        var e = Assert.Throws<GruPedalPi.Firmware.Control.ScenarioException>(() =>
            GruPedalPi.Firmware.Control.Scenario.Parse("10 gpio 5 0\n", "s.txt", config, nav));
        Assert.Contains("the footswitches are on GPIO 17, 22", e.Message);
    }
}
