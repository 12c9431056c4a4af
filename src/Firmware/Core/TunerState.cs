namespace GruPedalPi.Firmware.Core;

/// <summary>What the tuner shows at one moment. A value: reading it allocates nothing.</summary>
public readonly record struct TunerState
{
    /// <summary>True while the tuner is engaged.</summary>
    public bool Engaged { get; init; }

    /// <summary>True once the engaged output has faded to silence.</summary>
    public bool Muted { get; init; }

    /// <summary>The A4 reference in Hz, 430..450.</summary>
    public double ReferenceA4Hz { get; init; }

    /// <summary>True when a pitched note is heard (the other pitch fields are then meaningful).</summary>
    public bool HasPitch { get; init; }

    /// <summary>The heard pitch in Hz, 38..1400 (the median of the last detections).</summary>
    public float FrequencyHz { get; init; }

    /// <summary>The nearest note's name: C, C#, D, D#, E, F, F#, G, G#, A, A# or B; empty without a pitch.</summary>
    public string NoteName { get; init; }

    /// <summary>The nearest note's octave (A4 is the reference; the low E of a guitar is E2).</summary>
    public int Octave { get; init; }

    /// <summary>The deviation from the nearest note in cents, -50..+50; positive is sharp.</summary>
    public float Cents { get; init; }

    /// <summary>True when the last detections agree within 3 cents: the reading to tune by.</summary>
    public bool Stable { get; init; }

    /// <summary>Detections run since the tuner was engaged (grows by 100 a second while it listens).</summary>
    public long Detections { get; init; }

    /// <summary>Creates an empty state: disengaged, no pitch, 440 Hz.</summary>
    public TunerState()
    {
        NoteName = "";
        ReferenceA4Hz = 440;
    }
}
