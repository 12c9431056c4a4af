using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.LiveView;

/// <summary>The tuner part of a <see cref="MonitorFrame"/> (or of a <c>tuner</c> response).</summary>
/// <param name="Engaged">True while the tuner is engaged (the output muted).</param>
/// <param name="Muted">True once the output has faded to silence.</param>
/// <param name="ReferenceA4Hz">The A4 reference, 430..450 Hz.</param>
/// <param name="Note">The nearest note's name ("E", "F#"), or null without a pitch.</param>
/// <param name="Octave">The note's octave (E2 is a guitar's low E), or null.</param>
/// <param name="Cents">The deviation in cents, -50..+50 (positive is sharp), or null.</param>
/// <param name="FrequencyHz">The heard pitch in Hz, or null.</param>
/// <param name="Stable">True when the reading is steady enough to tune by.</param>
public sealed record TunerView(bool Engaged, bool Muted, double ReferenceA4Hz, string? Note, int? Octave, double? Cents,
    double? FrequencyHz, bool Stable)
{
    /// <summary>Reads the protocol's "tuner" object.</summary>
    public static TunerView From(TunerStatus t) =>
        new(t.Engaged, t.Muted, t.ReferenceA4Hz, t.Note, t.Octave, t.Cents, t.FrequencyHz, t.Stable);
}
