namespace GruPedalPi.Dsp;

/// <summary>What the tuner shows: a median-smoothed pitch and the nearest note.</summary>
/// <param name="FrequencyHz">The median of the recent detections, in Hz, 38..1400.</param>
/// <param name="NoteName">The nearest equal-tempered note: C, C#, D, D#, E, F, F#, G, G#, A, A# or B.</param>
/// <param name="Octave">The note's octave number (A4 = MIDI 69 = the reference).</param>
/// <param name="Cents">Deviation from the note in cents, -50..+50; positive is sharp.</param>
/// <param name="Clarity">The last detection's clarity, 0..1 (1 - the YIN minimum).</param>
/// <param name="Stable">True when the last few detections agree within a few cents (see
/// <see cref="TunerAnalyzer.StableCount"/> and <see cref="TunerAnalyzer.StableToleranceCents"/>).</param>
public readonly record struct TunerReading(float FrequencyHz, string NoteName, int Octave, float Cents, float Clarity, bool Stable);
