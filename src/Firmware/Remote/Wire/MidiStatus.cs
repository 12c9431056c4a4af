namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The <c>midi</c> object of <c>status</c> and <c>monitor</c>: the MIDI input.</summary>
public sealed record MidiStatus
{
    /// <summary>Whether MIDI reaches the pedal (a control surface is running).</summary>
    public bool Enabled { get; init; }

    /// <summary>Whether the ALSA sequencer is open.</summary>
    public bool Sequencer { get; init; }

    /// <summary>The connected sources' names.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Messages received.</summary>
    public long Received { get; init; }

    /// <summary>Program Changes acted on.</summary>
    public long ProgramChanges { get; init; }

    /// <summary>Control Changes acted on.</summary>
    public long ControlChanges { get; init; }

    /// <summary>Messages dropped because the inbox was full.</summary>
    public long Dropped { get; init; }

    /// <summary>The last message, or null before the first.</summary>
    public MidiLastMessage? Last { get; init; }
}
