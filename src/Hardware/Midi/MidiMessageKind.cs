namespace GruPedalPi.Hardware.Midi;

/// <summary>The MIDI channel-voice messages the pedal reads (system messages are skipped by the parser).</summary>
public enum MidiMessageKind : byte
{
    /// <summary>Not a message.</summary>
    None = 0,
    /// <summary>0x8n: note off (data 1 the note, data 2 the release velocity).</summary>
    NoteOff = 0x8,
    /// <summary>0x9n: note on (data 1 the note, data 2 the velocity).</summary>
    NoteOn = 0x9,
    /// <summary>0xAn: polyphonic key pressure.</summary>
    PolyPressure = 0xA,
    /// <summary>0xBn: control change (data 1 the controller 0..127, data 2 the value 0..127).</summary>
    ControlChange = 0xB,
    /// <summary>0xCn: program change (data 1 the program 0..127).</summary>
    ProgramChange = 0xC,
    /// <summary>0xDn: channel pressure.</summary>
    ChannelPressure = 0xD,
    /// <summary>0xEn: pitch bend (data 1 the low 7 bits, data 2 the high 7 bits).</summary>
    PitchBend = 0xE,
}
