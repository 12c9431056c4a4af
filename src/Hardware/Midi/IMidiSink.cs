namespace GruPedalPi.Hardware.Midi;

/// <summary>Receives what a MIDI input reads, on the input's own thread. Implementations must not block or allocate.</summary>
public interface IMidiSink
{
    /// <summary>A channel message arrived.</summary>
    /// <param name="message">The message.</param>
    /// <param name="timestamp">When it was read, on the input's <see cref="TimeProvider"/>.</param>
    void OnMidi(in MidiMessage message, long timestamp);
}
