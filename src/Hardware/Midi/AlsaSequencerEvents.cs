using System.Buffers.Binary;

namespace GruPedalPi.Hardware.Midi;

/// <summary>
/// Decodes an ALSA sequencer event (<c>snd_seq_event_t</c>, 28 bytes, as <c>snd_seq_event_input</c> returns it)
/// into a <see cref="MidiMessage"/> or a port announcement. Pure and allocation-free, so the binding above it stays
/// a thin layer: the tests feed it event bytes laid out as libasound lays them out.
/// </summary>
public static class AlsaSequencerEvents
{
    /// <summary>SND_SEQ_EVENT_NOTEON.</summary>
    public const byte NoteOn = 6;
    /// <summary>SND_SEQ_EVENT_NOTEOFF.</summary>
    public const byte NoteOff = 7;
    /// <summary>SND_SEQ_EVENT_KEYPRESS.</summary>
    public const byte KeyPress = 8;
    /// <summary>SND_SEQ_EVENT_CONTROLLER.</summary>
    public const byte Controller = 10;
    /// <summary>SND_SEQ_EVENT_PGMCHANGE.</summary>
    public const byte ProgramChange = 11;
    /// <summary>SND_SEQ_EVENT_CHANPRESS.</summary>
    public const byte ChannelPressure = 12;
    /// <summary>SND_SEQ_EVENT_PITCHBEND.</summary>
    public const byte PitchBend = 13;
    /// <summary>SND_SEQ_EVENT_CLIENT_START.</summary>
    public const byte ClientStart = 60;
    /// <summary>SND_SEQ_EVENT_CLIENT_EXIT.</summary>
    public const byte ClientExit = 61;
    /// <summary>SND_SEQ_EVENT_PORT_START.</summary>
    public const byte PortStart = 63;
    /// <summary>SND_SEQ_EVENT_PORT_EXIT.</summary>
    public const byte PortExit = 64;

    /// <summary>Size of <c>snd_seq_event_t</c> in bytes.</summary>
    public const int Size = 28;

    private const int Data = 16; // offset of the data union

    /// <summary>The event's type (its first byte).</summary>
    public static byte Type(ReadOnlySpan<byte> ev) => ev[0];

    /// <summary>A channel event as a MIDI message; false for other events (SysEx, announcements, clock...).
    /// A note on with velocity 0 stays a note on (as the sequencer delivers it).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> ev, out MidiMessage message)
    {
        message = default;
        if (ev.Length < Size)
        {
            return false;
        }

        var channel = (byte)(ev[Data] & 15);
        switch (ev[0])
        {
            case NoteOn:
            case NoteOff:
            case KeyPress:
                // snd_seq_ev_note_t: channel, note, velocity, off_velocity, duration
                message = new MidiMessage(ev[0] switch { NoteOn => MidiMessageKind.NoteOn, NoteOff => MidiMessageKind.NoteOff, _ => MidiMessageKind.PolyPressure },
                    channel, (byte)(ev[Data + 1] & 127), (byte)(ev[Data + 2] & 127));
                return true;
            case Controller:
            case ProgramChange:
            case ChannelPressure:
            case PitchBend:
            {
                // snd_seq_ev_ctrl_t: channel, 3 unused, unsigned int param, signed int value (host byte order)
                var param = BinaryPrimitives.ReadUInt32LittleEndian(ev.Slice(Data + 4, 4));
                var value = BinaryPrimitives.ReadInt32LittleEndian(ev.Slice(Data + 8, 4));
                if (!BitConverter.IsLittleEndian)
                {
                    param = BinaryPrimitives.ReverseEndianness(param);
                    value = BinaryPrimitives.ReverseEndianness(value);
                }

                switch (ev[0])
                {
                    case Controller:
                        if (param > 127)
                        {
                            return false;
                        }

                        message = new MidiMessage(MidiMessageKind.ControlChange, channel, (byte)param, (byte)Math.Clamp(value, 0, 127));
                        return true;
                    case ProgramChange:
                        message = new MidiMessage(MidiMessageKind.ProgramChange, channel, (byte)Math.Clamp(value, 0, 127), 0);
                        return true;
                    case ChannelPressure:
                        message = new MidiMessage(MidiMessageKind.ChannelPressure, channel, (byte)Math.Clamp(value, 0, 127), 0);
                        return true;
                    default:
                        var bend = Math.Clamp(value + 8192, 0, 16383);
                        message = new MidiMessage(MidiMessageKind.PitchBend, channel, (byte)(bend & 127), (byte)(bend >> 7));
                        return true;
                }
            }

            default:
                return false;
        }
    }

    /// <summary>The address an announcement (client or port start/exit) is about: client and port.</summary>
    public static (int Client, int Port) Address(ReadOnlySpan<byte> ev) => (ev[Data], ev[Data + 1]);

    /// <summary>The event's source address (client, port).</summary>
    public static (int Client, int Port) Source(ReadOnlySpan<byte> ev) => (ev[12], ev[13]);
}
