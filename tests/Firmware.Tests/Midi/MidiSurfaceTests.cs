using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Tests.Control;
using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Firmware.Tests.Midi;

public sealed class MidiSurfaceTests
{
    private static SurfaceRig Rig(string midi, string more = "") =>
        new(ConfigLoader.Parse($$"""{ "midi": {{midi}} {{more}} }""", "test.json"));

    private static void Send(SurfaceRig rig, MidiMessage message)
    {
        rig.Surface.Inbox!.OnMidi(message, rig.Clock.GetTimestamp());
        rig.Surface.Tick();
    }

    [Fact]
    public void A_control_change_sets_its_parameter_across_the_knob_range_with_the_knobs_taper()
    {
        // Jump takeover: the first value takes over at once (pickup is the next test).
        using var rig = Rig("""{ "cc": { "11": "drive", "7": "mix" } }""", """, "takeover": "jump" """);
        var drive = rig.Config.ResolvedKnobs.Single(k => k.Parameter == ParameterId.Wh).Mapping;
        Send(rig, MidiMessage.ControlChange(0, 11, 127));
        Assert.Equal(5f, rig.Pedal.Settings[ParameterId.Wh]);
        Send(rig, MidiMessage.ControlChange(0, 11, 0));
        Assert.Equal(0.01f, rig.Pedal.Settings[ParameterId.Wh]);
        Send(rig, MidiMessage.ControlChange(0, 11, 64));
        Assert.Equal(drive.ToValue(64 / 127.0), rig.Pedal.Settings[ParameterId.Wh]); // the knob's log taper
        Assert.True(rig.Pedal.Settings[ParameterId.Wh] < 1.5f); // log: well under the linear mid-point (2.5)
        Send(rig, MidiMessage.ControlChange(0, 7, 0));
        Assert.Equal(0f, rig.Pedal.Settings[ParameterId.Mix]);
        Assert.Contains("param drive Midi", rig.Events.Select(e => e.Replace("wh", "drive")));
    }

    [Fact]
    public void Soft_takeover_a_cc_waits_until_it_reaches_the_value_set_elsewhere()
    {
        using var rig = Rig("""{ "cc": { "7": "mix" } }""");
        Assert.Equal(1f, rig.Pedal.Settings[ParameterId.Mix]); // the default
        Send(rig, MidiMessage.ControlChange(0, 7, 20));
        Send(rig, MidiMessage.ControlChange(0, 7, 80));
        Assert.Equal(1f, rig.Pedal.Settings[ParameterId.Mix]); // not there yet
        Send(rig, MidiMessage.ControlChange(0, 7, 127));
        Assert.Equal(1f, rig.Pedal.Settings[ParameterId.Mix]);
        Send(rig, MidiMessage.ControlChange(0, 7, 100));
        Assert.Equal(100 / 127f, rig.Pedal.Settings[ParameterId.Mix], 1e-6f); // took over at the value

        // A socket change moves mix away: the CC waits again until it crosses the new value.
        rig.Pedal.SetParameter(ParameterId.Mix, 0.25f, ControlSource.Socket);
        Send(rig, MidiMessage.ControlChange(0, 7, 90));
        Assert.Equal(0.25f, rig.Pedal.Settings[ParameterId.Mix]);
        Send(rig, MidiMessage.ControlChange(0, 7, 20)); // crossed 0.25 (32/127) on the way down
        Assert.Equal(20 / 127f, rig.Pedal.Settings[ParameterId.Mix], 1e-6f);
    }

    [Fact]
    public void A_cc_that_moves_a_knobs_parameter_makes_that_knob_wait_for_pickup()
    {
        using var rig = Rig("""{ "cc": { "7": "mix" } }""", """, "takeover": "jump" """);
        var binding = rig.Config.ResolvedKnobs.Single(k => k.Parameter == ParameterId.Mix);
        var knob = rig.Config.ResolvedKnobs.ToList().IndexOf(binding);
        rig.Knob(binding.Channel, 300); // the knob takes over (jump: on any movement)
        rig.RunTo(100);
        Assert.False(rig.Surface.KnobWaiting(knob));
        Send(rig, MidiMessage.ControlChange(0, 7, 10));
        rig.RunTo(150);
        Assert.True(rig.Surface.KnobWaiting(knob));
        Assert.Equal(10 / 127f, rig.Pedal.Settings[ParameterId.Mix], 1e-6f); // the knob, at rest, did not snap it back
    }

    [Fact]
    public void Program_change_n_loads_set_list_position_n_plus_1_and_blinks_it()
    {
        using var rig = Rig("{}");
        Send(rig, MidiMessage.ProgramChange(0, 2));
        Assert.Equal(FactoryPresets.All[2].Name, rig.Pedal.CurrentPreset);
        Assert.Equal(ControlSource.Midi, rig.Pedal.LastSource);
        rig.RunTo(rig.NowMs + 10);
        Assert.Equal(Hardware.Controls.LedMode.Blink, rig.Surface.LedMode);
        var loads = rig.Pedal.PresetLoads;
        Send(rig, MidiMessage.ProgramChange(0, 120)); // no such position: nothing
        Assert.Equal(loads, rig.Pedal.PresetLoads);
        Assert.Equal(FactoryPresets.All[2].Name, rig.Pedal.CurrentPreset);
    }

    [Fact]
    public void Messages_on_another_channel_are_ignored()
    {
        using var rig = Rig("""{ "channel": 2, "cc": { "64": "bypass" } }""");
        Send(rig, MidiMessage.ControlChange(0, 64, 127));
        Send(rig, MidiMessage.ProgramChange(5, 1));
        Assert.False(rig.Pedal.Bypassed);
        Assert.Equal(0, rig.Pedal.PresetLoads);
        Send(rig, MidiMessage.ControlChange(1, 64, 127)); // channel 2 on the wire is 1 here
        Assert.True(rig.Pedal.Bypassed);
        Assert.Equal(2, rig.Surface.Midi!.Ignored);
    }

    [Fact]
    public void Bypass_is_a_switch_engage_its_opposite_and_bypass_toggle_a_toggle()
    {
        using var rig = Rig("""{ "cc": { "64": "bypass", "65": "engage", "80": "bypass-toggle" } }""");
        Send(rig, MidiMessage.ControlChange(0, 64, 127));
        Assert.True(rig.Pedal.Bypassed);
        Send(rig, MidiMessage.ControlChange(0, 64, 100)); // still >= 64: stays
        Assert.True(rig.Pedal.Bypassed);
        Send(rig, MidiMessage.ControlChange(0, 64, 0));
        Assert.False(rig.Pedal.Bypassed);
        Send(rig, MidiMessage.ControlChange(0, 65, 0));
        Assert.True(rig.Pedal.Bypassed);
        Send(rig, MidiMessage.ControlChange(0, 65, 127));
        Assert.False(rig.Pedal.Bypassed);
        Send(rig, MidiMessage.ControlChange(0, 80, 127));
        Assert.True(rig.Pedal.Bypassed);
        Send(rig, MidiMessage.ControlChange(0, 80, 127)); // no release in between: no second toggle
        Assert.True(rig.Pedal.Bypassed);
        Send(rig, MidiMessage.ControlChange(0, 80, 0));
        Send(rig, MidiMessage.ControlChange(0, 80, 127));
        Assert.False(rig.Pedal.Bypassed);
    }

    [Fact]
    public void Preset_step_actions_on_a_cc_walk_the_set_list()
    {
        using var rig = Rig("""{ "cc": { "20": "next-preset", "21": "previous-preset" } }""");
        Send(rig, MidiMessage.ControlChange(0, 20, 127));
        Send(rig, MidiMessage.ControlChange(0, 20, 0));
        Send(rig, MidiMessage.ControlChange(0, 20, 127));
        Assert.Equal(FactoryPresets.All[1].Name, rig.Pedal.CurrentPreset);
        Send(rig, MidiMessage.ControlChange(0, 21, 127));
        Assert.Equal(FactoryPresets.All[0].Name, rig.Pedal.CurrentPreset);
    }

    [Fact]
    public void Scenario_midi_lines_drive_the_simulated_pedal()
    {
        var config = ConfigLoader.Parse("""{ "midi": { "cc": { "64": "bypass", "7": "mix" } }, "takeover": "jump" }""", "test.json");
        var text = "100 midi pc 1\n200 midi cc 64 127\n300 midi cc 64 0\n400 midi cc 7 0\n";
        var scenario = GruPedalPi.Firmware.Control.Scenario.Parse(text, "s.txt", config, new GruPedalPi.Firmware.Control.FactoryPresetNavigator());
        var sink = new ListSink();
        GruPedalPi.Firmware.Control.Simulator.Run(config, scenario, clock => { sink.Clock = clock; return sink; }, tailMs: 100);
        Assert.Equal([$"100 preset {FactoryPresets.All[1].Name}", "200 bypass True", "300 bypass False", "400 param mix 0"], sink.Lines);
    }

    [Theory]
    [InlineData("10 midi pc 128", "program 128 is out of range 0..127")]
    [InlineData("10 midi cc 7 200", "value 200 is out of range 0..127")]
    [InlineData("10 midi cc 7", "expected TIME_MS midi pc PROGRAM or TIME_MS midi cc CONTROLLER VALUE")]
    [InlineData("10 midi note 60", "expected TIME_MS midi pc PROGRAM")]
    public void A_bad_scenario_midi_line_names_the_line(string line, string problem)
    {
        var config = ConfigLoader.Defaults();
        var e = Assert.Throws<GruPedalPi.Firmware.Control.ScenarioException>(() =>
            GruPedalPi.Firmware.Control.Scenario.Parse("# x\n" + line, "s.txt", config, new GruPedalPi.Firmware.Control.FactoryPresetNavigator()));
        Assert.Contains("s.txt:2", e.Message);
        Assert.Contains(problem, e.Message);
    }

    private sealed class ListSink : GruPedalPi.Firmware.Control.IControlEventSink
    {
        public TimeProvider? Clock { get; set; }
        public List<string> Lines { get; } = [];
        public void OnParameter(ParameterId id, float value, ControlSource source) => Lines.Add($"{Now()} param {Parameters.Get(id).Name} {value}");
        public void OnBypass(bool bypassed, ControlSource source) => Lines.Add($"{Now()} bypass {bypassed}");
        public void OnPreset(string name, ControlSource source) => Lines.Add($"{Now()} preset {name}");
        public void OnLed(Hardware.Controls.LedMode mode) { }
        public void OnPickup(ParameterId id) { }
        private double Now() => ((GruPedalPi.Hardware.Simulation.ManualTimeProvider)Clock!).Elapsed.TotalMilliseconds;
    }
}
