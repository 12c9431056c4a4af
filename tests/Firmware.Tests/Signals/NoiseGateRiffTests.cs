using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Signals;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Signals;

/// <summary>
/// The noise gate on the built-in riff, spaced out with a second after each note or chord, with 60 Hz hum (and its
/// harmonics) and hiss at -60 dBFS RMS mixed in throughout, through "Hot Drive" with the gate at -50 dBFS (the other
/// gate parameters at their defaults: hysteresis 6 dB, attack 1 ms, hold 50 ms, release 100 ms, range -90 dB).
/// </summary>
public sealed class NoiseGateRiffTests(ITestOutputHelper output)
{
    private const int Rate = 48000;
    private const double GapSeconds = 1.0;

    private static float[] HumAndHiss(int length)
    {
        // Hum: 60 Hz with harmonics 2..5 falling off; hiss: white. Each -63 dBFS RMS, together -60 dBFS.
        var x = new float[length];
        double[] harmonics = [1, 0.5, 0.35, 0.25, 0.15];
        double norm = Math.Sqrt(harmonics.Sum(a => a * a / 2));
        var random = new Random(60);
        double each = Math.Pow(10, -63.0 / 20);
        for (int i = 0; i < length; i++)
        {
            double hum = 0;
            for (int k = 0; k < harmonics.Length; k++)
            {
                hum += harmonics[k] * Math.Sin(2 * Math.PI * 60 * (k + 1) * i / Rate);
            }

            double hiss = Math.Sqrt(3) * ((2 * random.NextDouble()) - 1);
            x[i] = (float)(each * ((hum / norm) + hiss));
        }

        return x;
    }

    private static PedalSettings HotDrive(bool gate)
    {
        var s = FactoryPresets.Find("Hot Drive")!.Settings;
        s[ParameterId.GateThresholdDb] = gate ? -50f : NoiseGate.OffThresholdDb;
        return s;
    }

    /// <summary>Renders sample by sample (the chain is block-size independent), recording the gate's gain.</summary>
    private static (float[] Output, float[] Gain, long[] Openings) Render(float[] input, in PedalSettings settings)
    {
        var chain = new PedalChain(new ChainOptions());
        chain.SetAll(settings, immediate: true);
        chain.Prepare(Rate, 64);
        var y = (float[])input.Clone();
        var gain = new float[y.Length];
        var openings = new long[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            chain.Process(y.AsSpan(i, 1));
            gain[i] = chain.GateGain;
            openings[i] = chain.GateOpenings;
        }

        return (y, gain, openings);
    }

    private static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }

    [Fact]
    public void The_gate_cuts_the_gap_noise_by_40_dB_opens_within_the_attack_and_never_chatters()
    {
        var riff = GuitarRiff.Render(Rate, GapSeconds, out var notes);
        var noise = HumAndHiss(riff.Length);
        var input = riff.Zip(noise, (a, b) => a + b).ToArray();
        var open = Render(input, HotDrive(gate: false));
        var gated = Render(input, HotDrive(gate: true));
        int attackSamples = Rate / 1000; // 1 ms

        double worstReduction = double.MaxValue;
        int worstOpening = 0;
        for (int n = 0; n < notes.Length; n++)
        {
            // Gap: from 0.5 s after the note's release tail (detector, hold and release are done) to 10 ms before the next.
            int gapStart = notes[n].End + (Rate / 2);
            int gapEnd = (n + 1 < notes.Length ? notes[n + 1].Onset : riff.Length) - (Rate / 100);
            double reduction = 20 * Math.Log10(Rms(open.Output.AsSpan(gapStart, gapEnd - gapStart)) / Rms(gated.Output.AsSpan(gapStart, gapEnd - gapStart)));
            worstReduction = Math.Min(worstReduction, reduction);

            // Opening: within the attack time of the onset the gain is open to within 1 dB, and fully open (exactly 1) at most
            // 0.1 ms later (the detector's RMS takes a few samples of the pluck to reach the threshold).
            int onset = notes[n].Onset;
            float before = onset > 0 ? gated.Gain[onset - 1] : 0f; // the first note starts at sample 0, on a closed gate
            Assert.True(before < 0.001f, $"note {n}: the gate was not closed before the note ({before})");
            int nearlyOpen = Array.FindIndex(gated.Gain, onset, g => g >= 0.891f);
            int opened = Array.IndexOf(gated.Gain, 1f, onset);
            Assert.InRange(nearlyOpen - onset, 0, attackSamples);
            Assert.InRange(opened - onset, 0, attackSamples + (Rate / 10000));
            worstOpening = Math.Max(worstOpening, opened - onset);

            // No chatter: exactly one opening between this note's onset and the next one's.
            int next = n + 1 < notes.Length ? notes[n + 1].Onset : riff.Length;
            Assert.Equal(1, gated.Openings[next - 1] - (onset > 0 ? gated.Openings[onset - 1] : 0));
        }

        output.WriteLine($"gap noise reduction, worst gap of {notes.Length}: {worstReduction:F1} dB; slowest full opening {worstOpening} samples after the onset");
        Assert.True(worstReduction >= 40, $"{worstReduction:F1} dB");
    }

    [Fact]
    public void Without_noise_the_gated_render_equals_the_ungated_one_until_the_first_note_ends()
    {
        // The gate opens on the input while the wet path is still 69 samples (the 2x filters' latency) behind, so by the
        // time the note arrives the gain is exactly 1. Before that only the linear-phase filters' pre-echo of the note
        // (below -80 dBFS) is gated; from the end of the attack to the end of the note the renders are bit-identical.
        var riff = GuitarRiff.Render(Rate, GapSeconds, out var notes);
        var off = Render(riff, HotDrive(gate: false)).Output;
        var on = Render(riff, HotDrive(gate: true)).Output;
        int attackEnd = notes[0].Onset + (Rate / 1000) + 1;
        for (int i = 0; i < attackEnd; i++)
        {
            Assert.True(MathF.Abs(on[i] - off[i]) < 1e-4f, $"at {i}: {on[i]} vs {off[i]}");
        }

        Assert.Equal(off.AsSpan(attackEnd, notes[0].End - attackEnd).ToArray(), on.AsSpan(attackEnd, notes[0].End - attackEnd).ToArray());
    }
}
