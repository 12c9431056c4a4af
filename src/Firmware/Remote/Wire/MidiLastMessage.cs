namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The last MIDI message the pedal received.</summary>
public sealed record MidiLastMessage
{
    /// <summary>control_change, program_change, note_on, note_off, key_pressure, channel_pressure or pitch_bend.</summary>
    public string Kind { get; init; } = "";

    /// <summary>1..16.</summary>
    public int Channel { get; init; }

    /// <summary>The first data byte, 0..127.</summary>
    public int Data1 { get; init; }

    /// <summary>The second data byte, 0..127.</summary>
    public int Data2 { get; init; }
}
