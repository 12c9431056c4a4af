using System.Globalization;

namespace GruPedalPi.Hardware.Midi;

/// <summary>One MIDI channel message.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Channel">The channel, 0..15 (shown to people as 1..16).</param>
/// <param name="Data1">First data byte, 0..127 (controller, program, note).</param>
/// <param name="Data2">Second data byte, 0..127 (value, velocity); 0 for one-byte messages.</param>
public readonly record struct MidiMessage(MidiMessageKind Kind, byte Channel, byte Data1, byte Data2)
{
    /// <summary>A control change on channel 0..15.</summary>
    public static MidiMessage ControlChange(int channel, int controller, int value) =>
        new(MidiMessageKind.ControlChange, (byte)(channel & 15), (byte)(controller & 127), (byte)(value & 127));

    /// <summary>A program change on channel 0..15.</summary>
    public static MidiMessage ProgramChange(int channel, int program) =>
        new(MidiMessageKind.ProgramChange, (byte)(channel & 15), (byte)(program & 127), 0);

    /// <summary>The message packed into 32 bits (kind, channel, data 1, data 2), for lock-free publication.</summary>
    public int Pack() => ((int)Kind << 24) | (Channel << 16) | (Data1 << 8) | Data2;

    /// <summary>Inverse of <see cref="Pack"/>.</summary>
    public static MidiMessage Unpack(int packed) =>
        new((MidiMessageKind)((packed >> 24) & 0xFF), (byte)((packed >> 16) & 0xFF), (byte)((packed >> 8) & 0xFF), (byte)(packed & 0xFF));

    /// <summary>Formats like <c>aseqdump</c> ("ch 1 control change 11 = 64"), channel 1-based; allocation-free.</summary>
    /// <returns>False when <paramref name="destination"/> is too small (64 characters are always enough).</returns>
    public bool TryFormat(Span<char> destination, out int written)
    {
        var ci = CultureInfo.InvariantCulture;
        var ch = Channel + 1;
        return Kind switch
        {
            MidiMessageKind.ControlChange => destination.TryWrite(ci, $"ch {ch} control change {Data1} = {Data2}", out written),
            MidiMessageKind.ProgramChange => destination.TryWrite(ci, $"ch {ch} program change {Data1}", out written),
            MidiMessageKind.NoteOn => destination.TryWrite(ci, $"ch {ch} note on {Data1} velocity {Data2}", out written),
            MidiMessageKind.NoteOff => destination.TryWrite(ci, $"ch {ch} note off {Data1} velocity {Data2}", out written),
            MidiMessageKind.PolyPressure => destination.TryWrite(ci, $"ch {ch} key pressure {Data1} = {Data2}", out written),
            MidiMessageKind.ChannelPressure => destination.TryWrite(ci, $"ch {ch} channel pressure {Data1}", out written),
            MidiMessageKind.PitchBend => destination.TryWrite(ci, $"ch {ch} pitch bend {((Data2 << 7) | Data1) - 8192}", out written),
            _ => destination.TryWrite(ci, $"none", out written),
        };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[64];
        return TryFormat(buffer, out var n) ? new string(buffer[..n]) : "";
    }
}
