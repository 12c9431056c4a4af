using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;
using GruPedalPi.Firmware.Midi;

namespace GruPedalPi.Firmware.Tests.Midi;

public sealed class MidiConfigTests
{
    [Theory]
    [InlineData("""{ "midi": { "cc": { "11": "volume" } } }""", "midi.cc.11", "unknown parameter or action \"volume\"")]
    [InlineData("""{ "midi": { "cc": { "200": "drive" } } }""", "midi.cc.200", "\"200\" is not a Control Change number 0..127")]
    [InlineData("""{ "midi": { "cc": { "-1": "drive" } } }""", "midi.cc.-1", "not a Control Change number")]
    [InlineData("""{ "midi": { "cc": { "32": "drive" } } }""", "midi.cc.32", "Bank Select")]
    [InlineData("""{ "midi": { "channel": 17 } }""", "midi.channel", "17 is not \"omni\" or a channel 1..16")]
    [InlineData("""{ "midi": { "channel": "all" } }""", "midi.channel", "is not \"omni\"")]
    [InlineData("""{ "midi": { "serial": "ttyAMA0" } }""", "midi.serial", "absolute device path")]
    [InlineData("""{ "footswitches": [ { "pin": 17 }, { "pin": 17 } ] }""", "footswitches[1].pin", "GPIO 17 is already footswitches[0]'s pin")]
    [InlineData("""{ "footswitches": [ { "pin": 5, "hold": "preset:" } ] }""", "footswitches[0].hold", "unknown action \"preset:\"")]
    [InlineData("""{ "footswitches": [ { "pin": 5, "tap": "setlist:0" } ] }""", "footswitches[0].tap", "unknown action")]
    [InlineData("""{ "footswitches": [ { "pin": 5, "tapOn": "down" } ] }""", "footswitches[0].tapOn", "press or release")]
    [InlineData("""{ "footswitches": [ { "pin": 5 }, { "pin": 6 }, { "pin": 12 }, { "pin": 13 }, { "pin": 16 } ] }""", "footswitches", "give one to four")]
    [InlineData("""{ "footswitch": { "pin": 5 }, "footswitches": [ { "pin": 6 } ] }""", "footswitches", "not both")]
    [InlineData("""{ "footswitches": [ { "pin": 5 } ], "led": { "pin": 5 } }""", "led.pin", "already footswitches[0]'s pin")]
    [InlineData("""{ "expression": { "channel": 3 } }""", "expression.channel", "knobs[3]'s")]
    [InlineData("""{ "expression": { "channel": 9 } }""", "expression.channel", "out of range 0..7")]
    [InlineData("""{ "expression": { "parameter": "wah" } }""", "expression.parameter", "unknown parameter \"wah\"")]
    [InlineData("""{ "expression": { "parameter": "drive", "toe": 9 } }""", "expression.toe", "outside wh's range 0..5")]
    public void A_bad_midi_footswitch_or_expression_field_is_named(string json, string field, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, "/etc/gru-pedal/config.json"));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith("/etc/gru-pedal/config.json: " + field + ": ", e.Message);
    }

    [Fact]
    public void A_midi_map_resolves_parameters_with_the_knobs_mapping_and_actions()
    {
        var config = ConfigLoader.Parse("""{ "midi": { "channel": 3, "cc": { "11": "drive", "7": "level", "64": "bypass", "1": "tone", "2": "input" } } }""", "c.json");
        var map = config.ResolvedMidi;
        Assert.Equal(2, map.Channel);
        Assert.Equal(MidiTargetKind.Parameter, map[11].Kind);
        Assert.Same(config.ResolvedKnobs.Single(k => k.Parameter == Dsp.ParameterId.Wh).Mapping, map[11].Mapping);
        Assert.Equal(Hardware.Controls.KnobTaper.AntiLog, map[7].Mapping!.Taper); // the level knob's
        Assert.Equal(MidiTargetKind.Bypass, map[64].Kind);
        Assert.Equal(Hardware.Controls.KnobTaper.Linear, map[2].Mapping!.Taper); // no knob on input: linear over its knob range
        Assert.Equal(-24f, map[2].Mapping!.Min);
        Assert.Equal(MidiTargetKind.None, map[12].Kind);
    }

    [Fact]
    public void Several_footswitches_resolve_with_their_gestures_and_the_tap_default_follows_the_hold()
    {
        var config = ConfigLoader.Parse("""
            { "footswitches": [
                { "pin": 17 },
                { "pin": 22, "tap": "previous-preset", "hold": "none" },
                { "pin": 23, "tap": "preset:Odd Fuzz", "hold": "setlist:2" },
                { "pin": 24, "tap": "next-preset", "hold": "bypass", "tapOn": "press" } ] }
            """, "c.json");
        var s = config.ResolvedFootswitches;
        Assert.Equal([17, 22, 23, 24], s.Select(f => f.Pin));
        Assert.False(s[0].TapOnPress); // a hold action: release
        Assert.True(s[1].TapOnPress);  // no hold action: press
        Assert.Equal(new FootswitchGesture(FootswitchAction.Preset, "Odd Fuzz"), s[2].Tap);
        Assert.Equal(new FootswitchGesture(FootswitchAction.SetList, null, 2), s[2].Hold);
        Assert.True(s[3].TapOnPress);
        Assert.Equal(17, config.Footswitch.Pin); // the first, for what knows one switch
    }
}
