namespace GruPedalPi.Firmware.Signals;

/// <summary>
/// A built-in guitar riff for demos and tests, synthesized with plucked strings (Karplus-Strong): four bars in E at
/// 120 bpm (8 seconds): power chords strummed down (E5, G5, A5, D5) with palm-muted chugs, a single-note run, and
/// a final ringing E5. Deterministic: the same samples on every machine and every run. Peak level is
/// <see cref="PeakLevel"/>, about a hot single-coil pickup into a DI.
/// </summary>
public static class GuitarRiff
{
    /// <summary>The rate the riff is usually rendered at, in Hz.</summary>
    public const int DefaultSampleRateHz = 48000;

    /// <summary>The riff's length in seconds.</summary>
    public const double DurationSeconds = 8.0;

    /// <summary>Largest absolute sample of the rendered riff.</summary>
    public const float PeakLevel = 0.5f;

    private const double BeatSeconds = 0.5; // 120 bpm
    private const double StrumSeconds = 0.012; // between strings of a down-strum

    // MIDI notes of the chord shapes (root, fifth, octave) on the low strings.
    private static readonly int[] E5 = [40, 47, 52];
    private static readonly int[] G5 = [43, 50, 55];
    private static readonly int[] A5 = [45, 52, 57];
    private static readonly int[] D5 = [50, 57, 62];
    private static readonly int[] LowE = [40];

    /// <summary>The riff as (beat, length in beats, notes, velocity, palm-muted), in time order.</summary>
    private static readonly (double Beat, double Beats, int[] Notes, float Velocity, bool Muted)[] Score =
    [
        // Bar 1: E5, chugs, G5.
        (0.0, 1.5, E5, 1.0f, false),
        (1.5, 0.5, LowE, 0.8f, true), (2.0, 0.5, LowE, 0.7f, true), (2.5, 0.5, LowE, 0.8f, true),
        (3.0, 1.0, G5, 0.95f, false),
        // Bar 2: A5, chugs, D5.
        (4.0, 1.5, A5, 1.0f, false),
        (5.5, 0.5, [45], 0.8f, true), (6.0, 0.5, [45], 0.7f, true),
        (6.5, 1.5, D5, 0.95f, false),
        // Bar 3: a single-note run in E minor pentatonic, eighth notes.
        (8.0, 0.5, [52], 0.9f, false), (8.5, 0.5, [55], 0.8f, false), (9.0, 0.5, [57], 0.9f, false), (9.5, 0.5, [59], 0.8f, false),
        (10.0, 0.5, [62], 0.95f, false), (10.5, 0.5, [59], 0.8f, false), (11.0, 0.5, [57], 0.85f, false), (11.5, 0.5, [55], 0.8f, false),
        // Bar 4: E5 left to ring.
        (12.0, 4.0, E5, 1.0f, false),
    ];

    /// <summary>Renders the riff (mono) at <paramref name="sampleRateHz"/> (8000..192000), <see cref="DurationSeconds"/> long.</summary>
    public static float[] Render(int sampleRateHz = DefaultSampleRateHz) => Render(sampleRateHz, 0, out _);

    /// <summary>
    /// Renders the riff with <paramref name="gapSeconds"/> (0..10) of silence after each note or chord (its release tail
    /// included), for the noise gate's tests: <see cref="DurationSeconds"/> plus one gap per note long, with the same
    /// notes (normalized to the same peak). <paramref name="notes"/> gets each note's (or chord's) first and last sample
    /// (its onset, and the end of its release tail).
    /// </summary>
    public static float[] Render(int sampleRateHz, double gapSeconds, out (int Onset, int End)[] notes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRateHz, 192000);
        ArgumentOutOfRangeException.ThrowIfNegative(gapSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gapSeconds, 10);
        int total = (int)Math.Round((DurationSeconds + (Score.Length * gapSeconds)) * sampleRateHz);
        var output = new float[total];
        notes = new (int Onset, int End)[Score.Length];
        uint seed = 1;
        for (int e = 0; e < Score.Length; e++)
        {
            var (beat, beats, chord, velocity, muted) = Score[e];
            double offsetSeconds = e * gapSeconds;
            notes[e] = (total, 0);
            for (int s = 0; s < chord.Length; s++)
            {
                double frequencyHz = 440.0 * Math.Pow(2, (chord[s] - 69) / 12.0);
                int start = (int)Math.Round(((beat * BeatSeconds) + offsetSeconds + (s * StrumSeconds)) * sampleRateHz);
                int held = (int)Math.Round(beats * BeatSeconds * sampleRateHz) - (int)Math.Round(s * StrumSeconds * sampleRateHz);
                double ring = muted ? 0.12 : 6.0;
                var pluck = new PluckedString(frequencyHz, sampleRateHz, ring, muted ? 0.2f : 0.8f, velocity, seed++ * 2654435761u);
                int end = Math.Min(total, start + Math.Max(0, held));
                pluck.AddTo(output.AsSpan(start, end - start), 1f);
                if (end < total)
                {
                    // Released: the fretting hand lifts and the note dies within about 60 ms.
                    pluck.SetRing(0.06);
                    int tail = Math.Min(total - end, (int)(0.1 * sampleRateHz));
                    pluck.AddTo(output.AsSpan(end, tail), 1f);
                    end += tail;
                }

                notes[e] = (Math.Min(notes[e].Onset, start), Math.Max(notes[e].End, end));
            }
        }

        Normalize(output, PeakLevel);
        return output;
    }

    private static void Normalize(float[] samples, float peak)
    {
        float max = 0;
        foreach (var s in samples)
        {
            max = MathF.Max(max, MathF.Abs(s));
        }

        if (max > 0)
        {
            float scale = peak / max;
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] *= scale;
            }
        }
    }
}
