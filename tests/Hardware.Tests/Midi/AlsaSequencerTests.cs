using System.Buffers.Binary;
using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Hardware.Tests.Midi;

public sealed class AlsaSequencerTests
{
    /// <summary>An snd_seq_event_t as libasound lays it out (28 bytes, little-endian on the Pi and here).</summary>
    private static byte[] ControlEvent(byte type, byte channel, uint param, int value, byte sourceClient = 24)
    {
        var ev = new byte[AlsaSequencerEvents.Size];
        ev[0] = type;
        ev[12] = sourceClient;
        ev[16] = channel;
        BinaryPrimitives.WriteUInt32LittleEndian(ev.AsSpan(20), param);
        BinaryPrimitives.WriteInt32LittleEndian(ev.AsSpan(24), value);
        return ev;
    }

    [Fact]
    public void A_sequencer_controller_event_decodes_to_a_control_change()
    {
        Assert.True(AlsaSequencerEvents.TryDecode(ControlEvent(AlsaSequencerEvents.Controller, 3, 11, 99), out var m));
        Assert.Equal(MidiMessage.ControlChange(3, 11, 99), m);
        Assert.Equal((24, 0), AlsaSequencerEvents.Source(ControlEvent(AlsaSequencerEvents.Controller, 3, 11, 99)));
    }

    [Fact]
    public void A_sequencer_program_change_takes_its_program_from_the_value_field()
    {
        Assert.True(AlsaSequencerEvents.TryDecode(ControlEvent(AlsaSequencerEvents.ProgramChange, 0, 0, 5), out var m));
        Assert.Equal(MidiMessage.ProgramChange(0, 5), m);
    }

    [Fact]
    public void Announcements_and_14_bit_controllers_are_not_midi_messages()
    {
        var ev = new byte[AlsaSequencerEvents.Size];
        ev[0] = AlsaSequencerEvents.PortStart;
        ev[16] = 28;
        ev[17] = 1;
        Assert.False(AlsaSequencerEvents.TryDecode(ev, out _));
        Assert.Equal((28, 1), AlsaSequencerEvents.Address(ev));
        Assert.False(AlsaSequencerEvents.TryDecode(ControlEvent(AlsaSequencerEvents.Controller, 0, 1000, 5), out _));
    }

    [Fact]
    public void Opening_the_sequencer_goes_through_libasound_and_a_missing_sequencer_names_its_device()
    {
        // On a kernel with a sequencer this opens a real client; without one (this build host's kernel has no
        // snd-seq) the binding's error must name the device and the module to load. Either way libasound is called.
        var sink = new Sink();
        if (File.Exists(AlsaSequencerInput.DevicePath))
        {
            using var input = AlsaSequencerInput.Open("gru-pedal-test", sink);
            Assert.True(input.Client > 0);
            input.SubscribeExisting();
        }
        else
        {
            var e = Assert.Throws<IOException>(() => AlsaSequencerInput.Open("gru-pedal-test", sink));
            Assert.Contains("/dev/snd/seq", e.Message);
            Assert.Contains("snd-seq", e.Message);
        }
    }

    private sealed class Sink : IMidiSink
    {
        public void OnMidi(in MidiMessage message, long timestamp)
        {
        }
    }
}
