using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Tests.Control;

public sealed class ControlSurfaceFootswitchTests
{
    private static GruPedalPi.Firmware.Configuration.PedalConfig TapOnPress() =>
        GruPedalPi.Firmware.Configuration.ConfigLoader.Parse("""{ "footswitch": { "tapOn": "press" } }""", "test.json");

    [Fact]
    public void With_tapOn_press_a_tap_toggles_bypass_on_the_press_and_bounce_does_not_double_trigger()
    {
        using var rig = new SurfaceRig(TapOnPress());
        rig.Footswitch(100, true);
        Assert.True(rig.Pedal.Bypassed); // on the press, before any release
        rig.Footswitch(101, false);
        rig.Footswitch(102.5, true);
        rig.Footswitch(105, false);
        rig.Footswitch(108, true);
        rig.Footswitch(300, false);
        rig.Footswitch(301, true);
        rig.Footswitch(304, false);
        rig.Footswitch(309, true);
        rig.Footswitch(310, false);
        rig.RunTo(1000);
        Assert.True(rig.Pedal.Bypassed);
        Assert.Equal(1, rig.Pedal.BypassChanges);
        Assert.Contains("bypass off@100", rig.Events);
    }

    [Fact]
    public void A_second_tap_engages_again_and_the_led_follows()
    {
        using var rig = new SurfaceRig();
        Assert.True(rig.Hardware.SimulatedGpio!.GetOutput(27));
        rig.Footswitch(100, true);
        rig.Footswitch(200, false);
        Assert.False(rig.Hardware.SimulatedGpio.GetOutput(27));
        Assert.Equal(LedMode.Off, rig.Surface.LedMode);
        rig.Footswitch(500, true);
        rig.Footswitch(600, false);
        Assert.False(rig.Pedal.Bypassed);
        Assert.True(rig.Hardware.SimulatedGpio.GetOutput(27));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_hold_steps_to_the_next_preset_and_never_passes_through_the_other_bypass_state(bool bypassedBefore)
    {
        using var rig = new SurfaceRig(); // tap bypass, hold next-preset: tapOn defaults to release
        if (bypassedBefore)
        {
            rig.Footswitch(10, true);
            rig.Footswitch(100, false);
        }

        Assert.Equal(bypassedBefore, rig.Pedal.Bypassed);
        var bypassChanges = rig.Pedal.BypassChanges;
        rig.Events.Clear();
        rig.Footswitch(1000, true);
        rig.Footswitch(1003, false); // bounce
        rig.Footswitch(1005, true);
        Assert.Equal(bypassedBefore, rig.Pedal.Bypassed); // nothing on the press
        rig.RunTo(1598);
        Assert.Equal(0, rig.Pedal.PresetLoads);
        rig.RunTo(1602);
        Assert.Equal("Plugin Default", rig.Pedal.CurrentPreset);
        rig.Footswitch(2000, false);
        rig.RunTo(3000);
        Assert.Equal(bypassedBefore, rig.Pedal.Bypassed);
        Assert.Equal(bypassChanges, rig.Pedal.BypassChanges); // the dry signal never played
        Assert.Equal(1, rig.Pedal.PresetLoads);
    }

    [Fact]
    public void With_tapOn_release_a_tap_acts_when_the_switch_comes_up_and_the_delay_is_the_taps_length()
    {
        using var rig = new SurfaceRig();
        rig.Footswitch(100, true);
        rig.Footswitch(101, false); // bounce on the press
        rig.Footswitch(102.5, true);
        rig.RunTo(279);
        Assert.False(rig.Pedal.Bypassed); // still down: nothing yet
        rig.Footswitch(280, false);
        Assert.True(rig.Pedal.Bypassed); // on the release's first edge: 180 ms after the press
        rig.Footswitch(282, true); // bounce on the release
        rig.Footswitch(284, false);
        rig.RunTo(1000);
        Assert.Equal(1, rig.Pedal.BypassChanges);
        Assert.Contains("bypass off@280", rig.Events);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void With_tapOn_press_a_hold_undoes_the_taps_toggle_as_before(bool bypassedBefore)
    {
        using var rig = new SurfaceRig(TapOnPress());
        if (bypassedBefore)
        {
            rig.Footswitch(10, true);
            rig.Footswitch(100, false);
        }

        rig.Events.Clear();
        rig.Footswitch(1000, true);
        rig.Footswitch(1003, false); // bounce
        rig.Footswitch(1005, true);
        Assert.Equal(!bypassedBefore, rig.Pedal.Bypassed); // the tap's toggle, on the press
        rig.RunTo(1598);
        Assert.Equal(0, rig.Pedal.PresetLoads);
        rig.RunTo(1602);
        Assert.Equal(bypassedBefore, rig.Pedal.Bypassed); // restored when it became a hold
        Assert.Equal("Plugin Default", rig.Pedal.CurrentPreset);
        rig.Footswitch(2000, false);
        rig.RunTo(3000);
        Assert.Equal(bypassedBefore, rig.Pedal.Bypassed);
        Assert.Equal(1, rig.Pedal.PresetLoads);
        Assert.Contains("preset Plugin Default@1600", rig.Events);
    }

    [Theory]
    [InlineData(590, 0)]
    [InlineData(598, 0)]
    [InlineData(602, 1)]
    [InlineData(620, 1)]
    public void Presses_around_the_hold_threshold(double pressMs, int presetLoads)
    {
        using var rig = new SurfaceRig();
        rig.Footswitch(100, true);
        rig.Footswitch(100 + pressMs, false);
        rig.RunTo(2000);
        Assert.Equal(presetLoads, rig.Pedal.PresetLoads);
        Assert.Equal(presetLoads == 0, rig.Pedal.Bypassed);
    }

    [Fact]
    public void Holds_walk_the_set_list_and_the_led_blinks_the_position()
    {
        using var rig = new SurfaceRig();
        string?[] names = new string?[3];
        for (var i = 0; i < 3; i++)
        {
            var t = 1000 + i * 5000;
            rig.Footswitch(t, true);
            rig.RunTo(t + 610);
            Assert.Equal(LedMode.Blink, rig.Surface.LedMode);
            rig.Footswitch(t + 700, false);
            // Count the LED's blinks by watching the pin.
            var blinks = 0;
            var was = rig.Hardware.SimulatedGpio!.GetOutput(27);
            for (var ms = t + 700; ms < t + 4500; ms += 2)
            {
                rig.RunTo(ms);
                var lit = rig.Hardware.SimulatedGpio.GetOutput(27);
                if (!lit && was)
                {
                    blinks++; // the end of each blink (the gap started before t + 700)
                }

                was = lit;
            }

            Assert.Equal(i + 1, blinks);
            Assert.Equal(LedMode.On, rig.Surface.LedMode);
            names[i] = rig.Pedal.CurrentPreset;
        }

        Assert.Equal(new[] { "Plugin Default", "Odd Fuzz", "Tube Grit" }, names);
    }

    [Fact]
    public void A_fault_blinks_the_led_fast_until_cleared()
    {
        using var rig = new SurfaceRig();
        rig.Surface.SetFault("no audio device");
        var toggles = 0;
        var was = rig.Hardware.SimulatedGpio!.GetOutput(27);
        for (var ms = 2; ms <= 1000; ms += 2)
        {
            rig.RunTo(ms);
            var lit = rig.Hardware.SimulatedGpio.GetOutput(27);
            if (lit != was)
            {
                toggles++;
            }

            was = lit;
        }

        Assert.Equal(LedMode.Fault, rig.Surface.LedMode);
        Assert.InRange(toggles, 19, 20); // 10 Hz: 20 toggles in a second, give or take the first edge
        rig.Surface.ClearFault();
        rig.RunTo(1010);
        Assert.Equal(LedMode.On, rig.Surface.LedMode);
        Assert.True(rig.Hardware.SimulatedGpio.GetOutput(27));
        Assert.Contains("led Fault", rig.Events);
    }

    [Fact]
    public void Tap_for_next_preset_without_a_hold_action_acts_on_the_press()
    {
        var config = GruPedalPi.Firmware.Configuration.ConfigLoader.Parse(
            """{ "footswitch": { "tap": "next-preset", "hold": "none" } }""", "test.json");
        using var rig = new SurfaceRig(config);
        rig.Footswitch(100, true);
        Assert.Equal("Plugin Default", rig.Pedal.CurrentPreset);
        rig.Footswitch(1500, false);
        rig.RunTo(2000);
        Assert.Equal(1, rig.Pedal.PresetLoads);
        Assert.False(rig.Pedal.Bypassed);
    }
}
