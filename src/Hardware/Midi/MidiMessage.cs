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
    /// <remarks>
    /// Written piece by piece with <see cref="int.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
    /// rather than through an interpolated string: the interpolation handler's generic <c>AppendFormatted&lt;T&gt;</c>
    /// boxes every number in the JIT's first, unoptimised code (48 bytes a message), and <c>midi.monitor</c> formats
    /// these while the pedal plays.
    /// </remarks>
    /// <returns>False when <paramref name="destination"/> is too small (64 characters are always enough).</returns>
    public bool TryFormat(Span<char> destination, out int written)
    {
        var d = destination;
        var w = 0;
        var ok = Kind switch
        {
            MidiMessageKind.ControlChange => Head(d, ref w, " control change ") && Number(d, ref w, Data1)
                && Text(d, ref w, " = ") && Number(d, ref w, Data2),
            MidiMessageKind.ProgramChange => Head(d, ref w, " program change ") && Number(d, ref w, Data1),
            MidiMessageKind.NoteOn => Head(d, ref w, " note on ") && Number(d, ref w, Data1)
                && Text(d, ref w, " velocity ") && Number(d, ref w, Data2),
            MidiMessageKind.NoteOff => Head(d, ref w, " note off ") && Number(d, ref w, Data1)
                && Text(d, ref w, " velocity ") && Number(d, ref w, Data2),
            MidiMessageKind.PolyPressure => Head(d, ref w, " key pressure ") && Number(d, ref w, Data1)
                && Text(d, ref w, " = ") && Number(d, ref w, Data2),
            MidiMessageKind.ChannelPressure => Head(d, ref w, " channel pressure ") && Number(d, ref w, Data1),
            MidiMessageKind.PitchBend => Head(d, ref w, " pitch bend ") && Number(d, ref w, ((Data2 << 7) | Data1) - 8192),
            _ => Text(d, ref w, "none"),
        };
        written = ok ? w : 0;
        return ok;
    }

    /// <summary>Writes "ch N" and then what the kind is called.</summary>
    private bool Head(Span<char> destination, ref int written, string kindName) =>
        Text(destination, ref written, "ch ") && Number(destination, ref written, Channel + 1)
        && Text(destination, ref written, kindName);

    private static bool Text(Span<char> destination, ref int written, string text)
    {
        if (!text.AsSpan().TryCopyTo(destination[written..]))
        {
            return false;
        }

        written += text.Length;
        return true;
    }

    private static bool Number(Span<char> destination, ref int written, int value)
    {
        if (!value.TryFormat(destination[written..], out var n, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        written += n;
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[64];
        return TryFormat(buffer, out var n) ? new string(buffer[..n]) : "";
    }
}
