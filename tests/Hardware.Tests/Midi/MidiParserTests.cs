using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Hardware.Tests.Midi;

public sealed class MidiParserTests
{
    private static List<MidiMessage> Parse(MidiParser parser, params byte[] bytes)
    {
        var list = new List<MidiMessage>();
        foreach (var b in bytes)
        {
            if (parser.Push(b, out var m))
            {
                list.Add(m);
            }
        }

        return list;
    }

    private static List<MidiMessage> Parse(params byte[] bytes) => Parse(new MidiParser(), bytes);

    [Fact]
    public void A_control_change_and_a_program_change_are_read_with_their_channel()
    {
        var messages = Parse(0xB2, 11, 100, 0xC2, 5);
        Assert.Equal([MidiMessage.ControlChange(2, 11, 100), MidiMessage.ProgramChange(2, 5)], messages);
    }

    [Fact]
    public void Running_status_repeats_the_last_status_for_more_data_bytes()
    {
        var messages = Parse(0xB0, 7, 10, 7, 20, 7, 30, 0xC0, 1, 2, 3);
        Assert.Equal([
            MidiMessage.ControlChange(0, 7, 10), MidiMessage.ControlChange(0, 7, 20), MidiMessage.ControlChange(0, 7, 30),
            MidiMessage.ProgramChange(0, 1), MidiMessage.ProgramChange(0, 2), MidiMessage.ProgramChange(0, 3)], messages);
    }

    [Fact]
    public void Real_time_bytes_inside_a_message_neither_break_it_nor_end_running_status()
    {
        var parser = new MidiParser();
        var messages = Parse(parser, 0xF8, 0xB0, 0xF8, 11, 0xFE, 64, 0xFA, 11, 0xFF, 65, 0xC0, 0xF8, 9);
        Assert.Equal([MidiMessage.ControlChange(0, 11, 64), MidiMessage.ControlChange(0, 11, 65), MidiMessage.ProgramChange(0, 9)], messages);
        Assert.Equal(6, parser.RealTimeBytes);
        Assert.Equal(0, parser.Dropped);
    }

    [Fact]
    public void A_sysex_is_skipped_whole_and_running_status_does_not_survive_it()
    {
        var parser = new MidiParser();
        // CC, a SysEx whose data bytes look like a CC (with a clock byte inside), then data bytes with no status.
        var messages = Parse(parser, 0xB0, 1, 2, 0xF0, 0x7E, 0x7F, 11, 64, 0xF8, 0x01, 0xF7, 3, 4, 0xB1, 5, 6);
        Assert.Equal([MidiMessage.ControlChange(0, 1, 2), MidiMessage.ControlChange(1, 5, 6)], messages);
        Assert.Equal(1, parser.SysExSkipped);
        Assert.Equal(2, parser.Dropped); // 3 and 4: data with no status after the SysEx
    }

    [Fact]
    public void A_sysex_cut_short_by_a_status_byte_ends_and_the_new_message_is_kept()
    {
        var parser = new MidiParser();
        var messages = Parse(parser, 0xF0, 0x43, 0x10, 0xC3, 7);
        Assert.Equal([MidiMessage.ProgramChange(3, 7)], messages);
        Assert.Equal(1, parser.SysExSkipped);
    }

    [Fact]
    public void A_broken_message_is_dropped_without_losing_the_next_one()
    {
        var parser = new MidiParser();
        // A control change missing its value, interrupted by a program change; then a note on missing a byte, then a CC.
        var messages = Parse(parser, 0xB0, 11, 0xC0, 4, 0x90, 60, 0xB5, 7, 99);
        Assert.Equal([MidiMessage.ProgramChange(0, 4), MidiMessage.ControlChange(5, 7, 99)], messages);
        Assert.Equal(2, parser.Dropped);
    }

    [Fact]
    public void System_common_messages_are_skipped_with_their_data_and_cancel_running_status()
    {
        var parser = new MidiParser();
        // Song position (2 data bytes), MTC quarter frame (1), tune request (0), then stray data, then a CC.
        var messages = Parse(parser, 0xB0, 1, 1, 0xF2, 0x10, 0x20, 0xF1, 0x30, 0xF6, 5, 0xB0, 2, 2);
        Assert.Equal([MidiMessage.ControlChange(0, 1, 1), MidiMessage.ControlChange(0, 2, 2)], messages);
        Assert.Equal(1, parser.Dropped); // the 5 after the tune request
    }

    [Fact]
    public void Data_bytes_before_any_status_are_dropped()
    {
        var parser = new MidiParser();
        Assert.Empty(Parse(parser, 1, 2, 3));
        Assert.Equal(3, parser.Dropped);
        Assert.Equal([MidiMessage.ControlChange(0, 1, 2)], Parse(parser, 0xB0, 1, 2));
    }

    [Fact]
    public void Every_channel_message_kind_is_read()
    {
        var messages = Parse(0x80, 60, 10, 0x91, 60, 100, 0xA2, 60, 5, 0xD3, 40, 0xE4, 0x00, 0x40);
        Assert.Equal([MidiMessageKind.NoteOff, MidiMessageKind.NoteOn, MidiMessageKind.PolyPressure, MidiMessageKind.ChannelPressure, MidiMessageKind.PitchBend],
            messages.Select(m => m.Kind));
        Assert.Equal("ch 5 pitch bend 0", messages[4].ToString());
    }

    [Fact]
    public void Parsing_allocates_nothing()
    {
        var parser = new MidiParser();
        byte[] stream = [0xB0, 11, 64, 0xF8, 11, 65, 0xF0, 1, 2, 0xF7, 0xC0, 3];
        var count = 0;
        for (var i = 0; i < 1000; i++)
        {
            foreach (var b in stream)
            {
                if (parser.Push(b, out _))
                {
                    count++;
                }
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            foreach (var b in stream)
            {
                if (parser.Push(b, out _))
                {
                    count++;
                }
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(33_000, count); // 3 messages per pass (CC, CC, PC)
    }
}
