namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The <c>tuner</c> object of <c>tuner</c> and <c>monitor</c>.</summary>
public sealed record TunerStatus
{
    /// <summary>Whether the tuner is on.</summary>
    public bool Engaged { get; init; }

    /// <summary>Whether the output is muted for tuning.</summary>
    public bool Muted { get; init; }

    /// <summary>The A4 reference, 430..450 Hz.</summary>
    public double ReferenceA4Hz { get; init; }

    /// <summary>The nearest note's name, or null without a pitch.</summary>
    public string? Note { get; init; }

    /// <summary>Its octave, or null.</summary>
    public int? Octave { get; init; }

    /// <summary>How far from the note, -50..50 cents, or null.</summary>
    public double? Cents { get; init; }

    /// <summary>The detected frequency in Hz, or null.</summary>
    public double? FrequencyHz { get; init; }

    /// <summary>Whether the reading has settled.</summary>
    public bool Stable { get; init; }

    /// <summary>Pitches detected since the tuner was engaged.</summary>
    public long Detections { get; init; }
}
