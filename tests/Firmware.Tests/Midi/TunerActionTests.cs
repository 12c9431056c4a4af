using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Tests.Control;
using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Firmware.Tests.Midi;

/// <summary>The footswitch and MIDI action <c>tuner</c>: it engages the tuner and, again, leaves it.</summary>
public sealed class TunerActionTests
{
    private sealed class RecordingTuner : ITunerControl
    {
        public List<(bool Engaged, ControlSource Source)> Calls { get; } = [];

        public bool Engaged { get; private set; }

        public double ReferenceA4Hz => 440;

        public void SetEngaged(bool engaged, ControlSource source)
        {
            Engaged = engaged;
            Calls.Add((engaged, source));
        }

        public void SetReference(double referenceA4Hz)
        {
        }

        public TunerState Read() => new() { Engaged = Engaged };
    }

    [Fact]
    public void A_footswitch_tap_with_the_tuner_action_engages_the_tuner_and_the_next_tap_leaves_it_without_touching_bypass()
    {
        var config = ConfigLoader.Parse("""{ "footswitches": [ { "pin": 17 }, { "pin": 22, "tap": "tuner", "hold": "none" } ] }""", "c.json");
        using var rig = new SurfaceRig(config);
        var tuner = new RecordingTuner();
        rig.Surface.Tuner = tuner;
        for (int i = 0; i < 2; i++)
        {
            rig.RunTo(100 + (i * 500));
            rig.Hardware.SetSimulatedGpio(22, false);
            rig.Surface.Tick();
            rig.RunTo(180 + (i * 500));
            rig.Hardware.SetSimulatedGpio(22, true);
            rig.Surface.Tick();
        }

        Assert.Equal([(true, ControlSource.Footswitch), (false, ControlSource.Footswitch)], tuner.Calls);
        Assert.False(rig.Pedal.Bypassed);
    }

    [Fact]
    public void A_midi_control_change_mapped_to_tuner_toggles_it_on_each_rise_past_64()
    {
        using var rig = new SurfaceRig(ConfigLoader.Parse("""{ "midi": { "cc": { "80": "tuner" } } }""", "c.json"));
        var tuner = new RecordingTuner();
        rig.Surface.Midi!.Tuner = tuner;
        foreach (var value in new[] { 127, 0, 127, 100 })
        {
            rig.Surface.Inbox!.OnMidi(MidiMessage.ControlChange(0, 80, value), rig.Clock.GetTimestamp());
            rig.Surface.Tick();
        }

        // Rises at the first and third values; 100 after 127 is not a new rise.
        Assert.Equal([(true, ControlSource.Midi), (false, ControlSource.Midi)], tuner.Calls);
    }

    [Fact]
    public void The_tuner_is_a_known_footswitch_gesture_and_midi_target()
    {
        Assert.True(GruPedalPi.Firmware.Bindings.FootswitchGesture.TryParse("tuner", out var gesture));
        Assert.Equal(GruPedalPi.Firmware.Bindings.FootswitchAction.Tuner, gesture.Action);
        Assert.True(GruPedalPi.Firmware.Bindings.MidiMap.TryResolve("tuner", [], out var target, out _));
        Assert.Equal("tuner", target.Name);
    }
}
