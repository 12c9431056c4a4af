namespace GruPedalPi.Firmware.Core;

/// <summary>
/// The pedal's tuner as the control sources see it (the socket's <c>tuner</c> command, the monitor's <c>t</c> key, a
/// footswitch or MIDI action <c>tuner</c>): engaging it mutes the output with a click-free fade and starts the pitch
/// analysis off the audio thread; disengaging fades the sound back in. Thread-safe; nothing here blocks.
/// </summary>
public interface ITunerControl
{
    /// <summary>True while the tuner is engaged (the output muted).</summary>
    bool Engaged { get; }

    /// <summary>The A4 reference in Hz, 430..450 (440 by default).</summary>
    double ReferenceA4Hz { get; }

    /// <summary>Engages (true) or disengages (false) the tuner.</summary>
    /// <param name="engaged">The new state.</param>
    /// <param name="source">Who asked (reported in the log).</param>
    void SetEngaged(bool engaged, ControlSource source);

    /// <summary>Sets the A4 reference.</summary>
    /// <param name="referenceA4Hz">430..450 Hz.</param>
    /// <exception cref="ArgumentOutOfRangeException">Outside 430..450 Hz.</exception>
    void SetReference(double referenceA4Hz);

    /// <summary>What the tuner shows now (allocates nothing).</summary>
    TunerState Read();
}
