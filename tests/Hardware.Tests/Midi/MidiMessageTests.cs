using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Hardware.Tests.Midi;

public sealed class MidiMessageTests
{
    public static TheoryData<MidiMessage, string> Messages => new()
    {
        { MidiMessage.ControlChange(0, 11, 64), "ch 1 control change 11 = 64" },
        { MidiMessage.ProgramChange(15, 127), "ch 16 program change 127" },
        { new MidiMessage(MidiMessageKind.NoteOn, 9, 36, 100), "ch 10 note on 36 velocity 100" },
        { new MidiMessage(MidiMessageKind.NoteOff, 0, 60, 0), "ch 1 note off 60 velocity 0" },
        { new MidiMessage(MidiMessageKind.PolyPressure, 1, 60, 5), "ch 2 key pressure 60 = 5" },
        { new MidiMessage(MidiMessageKind.ChannelPressure, 2, 90, 0), "ch 3 channel pressure 90" },
        { new MidiMessage(MidiMessageKind.PitchBend, 4, 0, 0), "ch 5 pitch bend -8192" },
        { new MidiMessage(MidiMessageKind.PitchBend, 4, 127, 127), "ch 5 pitch bend 8191" },
        { default, "none" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_kind_is_written_as_aseqdump_writes_it(MidiMessage message, string expected)
    {
        Assert.Equal(expected, message.ToString());
    }

    [Fact]
    public void A_buffer_too_small_is_refused_at_every_length_and_writes_nothing_it_reports()
    {
        var message = MidiMessage.ControlChange(0, 11, 64);
        var full = message.ToString();
        for (var length = 0; length < full.Length; length++)
        {
            var buffer = new char[length];
            Assert.False(message.TryFormat(buffer, out var written), $"length {length}");
            Assert.Equal(0, written);
        }

        Assert.True(message.TryFormat(new char[full.Length], out var all));
        Assert.Equal(full.Length, all);
    }

    [Fact]
    public void Formatting_allocates_nothing_even_in_the_jits_first_unoptimised_code()
    {
        // This test runs with tiered compilation on, so the first calls run tier-0 code, where an interpolated string's
        // generic AppendFormatted<T> would box each number. `midi.monitor` formats messages while the pedal plays.
        Span<char> buffer = stackalloc char[64];
        var kinds = new[]
        {
            MidiMessage.ControlChange(3, 7, 99), MidiMessage.ProgramChange(0, 1),
            new MidiMessage(MidiMessageKind.PitchBend, 0, 1, 2), new MidiMessage(MidiMessageKind.NoteOn, 0, 1, 2),
        };
        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        foreach (var m in kinds)
        {
            Assert.True(m.TryFormat(buffer, out var n));
            total += n;
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(total > 0);
        Assert.Equal(0, bytes);
    }
}
