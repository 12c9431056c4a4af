namespace GruPedalPi.Dsp;

/// <summary>
/// The equal-tempered note nearest to a frequency, and how far the frequency is from it: names C C# D D# E F F# G G#
/// A A# B, scientific octave numbers (A4 = MIDI note 69, middle C = C4 = MIDI 60), cents in -50..+50 (a frequency
/// exactly between two notes goes to the upper one). Arithmetic in double: the cents are exact to about 1e-9 cent, so
/// the error of a reading is the pitch detector's alone.
/// </summary>
/// <param name="Name">The note's name: C, C#, D, D#, E, F, F#, G, G#, A, A# or B.</param>
/// <param name="Octave">The octave number (a new octave starts at C; A4 is the A above middle C).</param>
/// <param name="MidiNote">The MIDI note number (69 = A4); may be outside 0..127 for extreme frequencies.</param>
/// <param name="Cents">Deviation from the note, in cents (1/100 of a semitone), -50..+50; positive is sharp.</param>
public readonly record struct TunerNote(string Name, int Octave, int MidiNote, double Cents)
{
    /// <summary>The lowest A4 reference accepted, in Hz.</summary>
    public const double MinReferenceA4Hz = 430.0;

    /// <summary>The highest A4 reference accepted, in Hz.</summary>
    public const double MaxReferenceA4Hz = 450.0;

    /// <summary>The default A4 reference, in Hz.</summary>
    public const double DefaultReferenceA4Hz = 440.0;

    private static readonly string[] Names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>The nearest note to <paramref name="frequencyHz"/>.</summary>
    /// <param name="frequencyHz">The frequency in Hz, finite and &gt; 0 (any audible one; the tuner reads 38..1400 Hz).</param>
    /// <param name="referenceA4Hz">The frequency of A4 in Hz, <see cref="MinReferenceA4Hz"/>..<see cref="MaxReferenceA4Hz"/>
    /// (430..450; 440 by default).</param>
    /// <exception cref="ArgumentOutOfRangeException">A frequency that is not finite and positive, or a reference outside
    /// 430..450 Hz.</exception>
    public static TunerNote FromFrequency(double frequencyHz, double referenceA4Hz = DefaultReferenceA4Hz)
    {
        ValidateReference(referenceA4Hz);
        if (!double.IsFinite(frequencyHz) || frequencyHz <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "The frequency must be finite and greater than 0 Hz.");
        }

        return Nearest(frequencyHz, referenceA4Hz);
    }

    /// <summary>Throws unless <paramref name="referenceA4Hz"/> is in 430..450 Hz.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A reference outside 430..450 Hz (or NaN).</exception>
    public static void ValidateReference(double referenceA4Hz)
    {
        if (!(referenceA4Hz >= MinReferenceA4Hz && referenceA4Hz <= MaxReferenceA4Hz))
        {
            throw new ArgumentOutOfRangeException(nameof(referenceA4Hz), referenceA4Hz, "The A4 reference must be 430..450 Hz.");
        }
    }

    /// <summary>The nearest note without validation (frequencyHz &gt; 0 and a valid reference are the caller's
    /// business); allocates nothing.</summary>
    internal static TunerNote Nearest(double frequencyHz, double referenceA4Hz)
    {
        double midi = 69.0 + (12.0 * Math.Log2(frequencyHz / referenceA4Hz));
        int note = (int)Math.Floor(midi + 0.5);
        double cents = 100.0 * (midi - note);
        int pitchClass = ((note % 12) + 12) % 12;
        int octave = (int)Math.Floor(note / 12.0) - 1;
        return new TunerNote(Names[pitchClass], octave, note, cents);
    }
}
