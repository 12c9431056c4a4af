using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Tests.Control;
using GruPedalPi.Firmware.Tests.Presets;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Midi;

public sealed class ExpressionPedalTests
{
    // Seven knobs on channels 0..6, the pedal on channel 7 of the MCP3008.
    private const string Config = """
        { "knobs": [ { "channel": 0, "parameter": "wh", "taper": "log" }, { "channel": 1, "parameter": "wf" }, { "channel": 2, "parameter": "uf" },
                     { "channel": 3, "parameter": "uh" }, { "channel": 4, "parameter": "bf" }, { "channel": 5, "parameter": "tone" },
                     { "channel": 6, "parameter": "output_gain_db", "taper": "antilog" } ],
          "expression": { "channel": 7, "parameter": "mix", "heel": 0.2, "toe": 1 } }
        """;

    [Fact]
    public void The_pedal_sweeps_its_parameter_from_heel_to_toe_and_a_resting_pedal_changes_nothing()
    {
        using var rig = new SurfaceRig(ConfigLoader.Parse(Config, "c.json"));
        Assert.True(rig.Surface.HasExpression);
        rig.Knob(7, 0);
        rig.RunTo(300);
        Assert.Equal(0.2f, rig.Pedal.Settings[ParameterId.Mix], 1e-3f); // heel (the filter's end zone reaches the end)
        rig.Knob(7, 1023);
        rig.RunTo(600);
        Assert.Equal(1f, rig.Pedal.Settings[ParameterId.Mix], 1e-3f);

        // At rest with +/-2 LSB of noise for a second: the knob filter's dead band holds it.
        rig.Knob(7, 512);
        rig.RunTo(900);
        rig.Hardware.SetSimulatedNoise(7, 2);
        rig.RunTo(1000);
        var changes = rig.Surface.ExpressionChanges;
        rig.RunTo(2000);
        Assert.Equal(changes, rig.Surface.ExpressionChanges);
        Assert.Equal(0.2f + 0.8f * 512 / 1023f, rig.Pedal.Settings[ParameterId.Mix], 0.01f); // within the filter's hysteresis
    }

    [Fact]
    public void A_calibration_maps_the_pedals_real_travel_to_heel_and_toe()
    {
        // A pedal whose wiper never gets below 120 or above 900 of 1023: record its ends as `expression calibrate`
        // does (the surface's filtered reading), then a surface with that calibration sweeps the whole heel..toe range.
        var config = ConfigLoader.Parse(Config, "c.json");
        var clock = new Hardware.Simulation.ManualTimeProvider();
        using var hw = ControlHardware.CreateSimulated(config, clock);
        var pedal = new RecordingPedalControl();
        double heel, toe;
        using (var plain = hw.CreateSurface(pedal, new FactoryPresetNavigator()))
        {
            hw.SetSimulatedKnob(7, 120);
            for (var i = 0; i < 300; i++) { clock.Advance(TimeSpan.FromMilliseconds(1)); plain.Tick(); }
            heel = plain.ExpressionReading;
            Assert.True(pedal.Settings[ParameterId.Mix] > 0.25f); // uncalibrated, the heel is not the heel value
            hw.SetSimulatedKnob(7, 900);
            for (var i = 0; i < 300; i++) { clock.Advance(TimeSpan.FromMilliseconds(1)); plain.Tick(); }
            toe = plain.ExpressionReading;
            Assert.True(pedal.Settings[ParameterId.Mix] < 0.95f);
        }

        using var surface = hw.CreateSurface(pedal, new FactoryPresetNavigator(), null,
            o => o with { Calibration = new ExpressionCalibration(heel, toe) });
        void RunFor(int ms) { for (var i = 0; i < ms; i++) { clock.Advance(TimeSpan.FromMilliseconds(1)); surface.Tick(); } }
        hw.SetSimulatedKnob(7, 120);
        RunFor(300);
        Assert.Equal(0.2f, pedal.Settings[ParameterId.Mix], 0.005f); // within the filter's dead band of the recorded end
        hw.SetSimulatedKnob(7, 510);
        RunFor(300);
        Assert.Equal(0.6f, pedal.Settings[ParameterId.Mix], 0.02f); // half way in the pedal's real travel
        hw.SetSimulatedKnob(7, 900);
        RunFor(300);
        Assert.Equal(1f, pedal.Settings[ParameterId.Mix], 0.005f);
    }

    [Fact]
    public void A_preset_that_names_an_expression_mapping_takes_the_pedal_over_when_it_is_loaded()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Presets);
        var settings = FactoryPresets.Find("Odd Fuzz")!.Settings;
        var preset = new Preset("Wah-ish", settings, null) { Expression = new ExpressionMapping(ParameterId.Tone, -1, 1), Midi = new PresetMidi(7, 0) };
        File.WriteAllBytes(Path.Combine(dir.Presets, "wah-ish.json"), PresetFormat.ToBytes(preset));
        using var library = new PresetLibrary(dir.Path);
        library.SetSetList(["Plugin Default", "Wah-ish"]);

        var config = ConfigLoader.Parse(Config, "c.json");
        var clock = new Hardware.Simulation.ManualTimeProvider();
        using var hw = ControlHardware.CreateSimulated(config, clock);
        var pedal = new RecordingPedalControl();
        using var surface = hw.CreateSurface(pedal, library.Navigator);
        void RunFor(int ms) { for (var i = 0; i < ms; i++) { clock.Advance(TimeSpan.FromMilliseconds(1)); surface.Tick(); } }
        Assert.Equal(ParameterId.Mix, surface.Expression!.Parameter); // the configuration's default

        // MIDI program 7 names the preset in its file.
        surface.Inbox!.OnMidi(Hardware.Midi.MidiMessage.ProgramChange(0, 7), clock.GetTimestamp());
        surface.Tick();
        Assert.Equal("Wah-ish", pedal.CurrentPreset);
        Assert.Equal(ParameterId.Tone, surface.Expression!.Parameter);
        hw.SetSimulatedKnob(7, 1023);
        RunFor(300);
        Assert.Equal(1f, pedal.Settings[ParameterId.Tone], 1e-3f);

        // Back to a preset without a mapping: the default again.
        surface.Inbox.OnMidi(Hardware.Midi.MidiMessage.ProgramChange(0, 0), clock.GetTimestamp());
        surface.Tick();
        Assert.Equal("Plugin Default", pedal.CurrentPreset);
        Assert.Equal(ParameterId.Mix, surface.Expression!.Parameter);
    }

    [Fact]
    public void Midi_and_expression_fields_of_a_preset_file_round_trip_and_bad_ones_are_named()
    {
        var preset = new Preset("P", PedalSettings.Defaults, null) { Midi = new PresetMidi(5, 2), Expression = new ExpressionMapping(ParameterId.Wh, 0.5f, 4) };
        var back = PresetFormat.Parse(PresetFormat.ToBytes(preset), "p.json");
        Assert.Equal(preset.Midi, back.Midi);
        Assert.Equal(preset.Expression, back.Expression);

        var text = System.Text.Encoding.UTF8.GetString(PresetFormat.ToBytes(preset)).Replace("\"program\": 5", "\"program\": 300");
        var e = Assert.Throws<PresetFormatException>(() => PresetFormat.Parse(System.Text.Encoding.UTF8.GetBytes(text), "p.json"));
        Assert.Contains("midi.program: 300 is out of range 0..127", e.Error.ToString());
        text = System.Text.Encoding.UTF8.GetString(PresetFormat.ToBytes(preset)).Replace("\"wh\",", "\"wah\",");
        e = Assert.Throws<PresetFormatException>(() => PresetFormat.Parse(System.Text.Encoding.UTF8.GetBytes(text), "p.json"));
        Assert.Contains("expression.parameter: unknown parameter \"wah\"", e.Error.ToString());
    }
}
