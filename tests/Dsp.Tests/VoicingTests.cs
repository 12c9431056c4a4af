using Xunit.Abstractions;

namespace GruPedalPi.Dsp.Tests;

/// <summary>The presets are voiced at 48 kHz without oversampling (the seed's recurrence as is); every other rate and
/// factor must keep that voice.</summary>
public sealed class VoicingTests(ITestOutputHelper output)
{
    public static TheoryData<string> Presets()
    {
        var data = new TheoryData<string>();
        foreach (var p in FactoryPresets.All)
        {
            data.Add(p.Name);
        }

        return data;
    }

    public static readonly (string Name, PedalSettings Settings)[] Typical =
    [
        ("plugin defaults, drive 0.5", Voicing.Unit(0.5f, 0.5f, 0.5f, 0.5f, 0f)),
        ("plugin defaults, drive 2.5", Voicing.Unit(0.5f, 2.5f, 0.5f, 0.5f, 0f)),
        ("plugin defaults, drive 5", Voicing.Unit(0.5f, 5f, 0.5f, 0.5f, 0f)),
        ("mid knobs", Voicing.Unit(5f, 2.5f, 2.5f, 1f, 2f)),
        ("bias 1, asymmetry 1", Voicing.Unit(2f, 1.5f, 1f, 1f, 1f)),
        ("high squash and stability", Voicing.Unit(8f, 3f, 4f, 0.5f, 0f)),
    ];

    public static TheoryData<int> TypicalIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Typical.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Every_factory_preset_keeps_its_voice_within_1_dB_at_every_rate_and_factor(string name)
    {
        var preset = FactoryPresets.Find(name)!;
        AssertSameVoice(name, preset.Settings);
    }

    [Theory]
    [MemberData(nameof(TypicalIndices))]
    public void Typical_settings_keep_their_voice_within_1_dB_at_every_rate_and_factor(int index)
    {
        AssertSameVoice(Typical[index].Name, Typical[index].Settings);
    }

    private void AssertSameVoice(string name, in PedalSettings settings)
    {
        // 1 dB: the brief's target, about the smallest level change a listener notices on a harmonic.
        var reference = Voicing.HarmonicsDbc(settings, 48000, 1);
        foreach (double rate in new[] { 44100.0, 48000.0, 96000.0 })
        {
            foreach (int factor in new[] { 1, 2, 4, 8 })
            {
                if (rate == 48000 && factor == 1)
                {
                    continue;
                }

                var other = Voicing.HarmonicsDbc(settings, rate, factor);
                double worst = Voicing.WorstDifferenceDb(reference, other);
                output.WriteLine($"{name} at {rate / 1000} kHz x{factor}: {worst:F2} dB");
                Assert.True(worst <= 1.0, $"{name} at {rate} Hz x{factor}: harmonics differ by {worst:F2} dB");
            }
        }
    }

    [Fact]
    public void Without_voicing_the_presets_would_change_their_sound_with_the_factor()
    {
        // The reason for the voicing: the seed's recurrence run unchanged at 8x has a memory 8x shorter. Across the
        // presets and typical settings the harmonics then move by several dB (the brief's figure: up to 13 dB).
        double worst = 0;
        string where = "";
        foreach (var (name, settings) in FactoryPresets.All.Select(p => (p.Name, p.Settings)).Concat(Typical))
        {
            var reference = Voicing.HarmonicsDbc(settings, 48000, 1);
            double d = Voicing.WorstDifferenceDb(reference, Voicing.HarmonicsDbc(settings, 48000, 8, naive: true));
            (worst, where) = d > worst ? (d, name) : (worst, where);
        }

        output.WriteLine($"naive 8x: worst {worst:F2} dB ({where})");
        Assert.True(worst > 3);
    }

    [Fact]
    public void The_hardest_corner_of_pole_scaling_keeps_its_voice_within_1_dB()
    {
        // Wh=0.01 with Wf, Uf and Uh at their knob maxima: pole scaling alone drifts by 2.7 dB here.
        AssertSameVoice("Wf=10 Wh=0.01 Uf=5 Uh=2 bf=0", Voicing.Unit(10f, 0.01f, 5f, 2f, 0f));
    }

    [Fact]
    public void Report_the_worst_voice_difference_over_a_grid_of_the_knob_ranges()
    {
        // A report (it prints the figures for docs/figures.md) with a loose sanity bound: 3^4 x 3 = 243 settings over the knob
        // ranges, 48 kHz x1 against x8 and against 44.1 kHz x1 (the farthest pairs), matched state age against pole
        // scaling alone. Settings whose fundamental stays below -60 dBFS for a full-scale input are silent (bf=5 with
        // Wh=0.01 holds the output near 1e-5): their "harmonics" are rounding and filter floor, not a voice; they are
        // counted and skipped.
        float[] wf = [0, 5, 10], wh = [0.01f, 1, 5], uf = [0, 2.5f, 5], uh = [0, 1, 2], bf = [-1, 2, 5];
        double worstMatched = 0, worstPole = 0;
        string whereMatched = "", wherePole = "";
        int silent = 0, overMatched = 0, overPole = 0, pairs = 0;
        foreach (float a in wf)
        {
            foreach (float b in wh)
            {
                foreach (float c in uf)
                {
                    foreach (float d in uh)
                    {
                        foreach (float e in bf)
                        {
                            var s = Voicing.Unit(a, b, c, d, e);
                            var reference = Voicing.HarmonicsDbc(s, 48000, 1);
                            if (reference[1] < -60)
                            {
                                silent++;
                                continue;
                            }

                            foreach (var (rate, factor) in new[] { (48000.0, 8), (44100.0, 1) })
                            {
                                double m = Voicing.WorstDifferenceDb(reference, Voicing.HarmonicsDbc(s, rate, factor));
                                double p = Voicing.WorstDifferenceDb(reference, Voicing.HarmonicsDbc(s, rate, factor, matchStateAge: false));
                                string where = $"Wf={a} Wh={b} Uf={c} Uh={d} bf={e} at {rate / 1000} kHz x{factor}";
                                pairs++;
                                overMatched += m > 1 ? 1 : 0;
                                overPole += p > 1 ? 1 : 0;
                                (worstMatched, whereMatched) = m > worstMatched ? (m, where) : (worstMatched, whereMatched);
                                (worstPole, wherePole) = p > worstPole ? (p, where) : (worstPole, wherePole);
                            }
                        }
                    }
                }
            }
        }

        output.WriteLine($"{243 - silent} audible settings of 243 ({silent} silent skipped)");
        output.WriteLine($"matched state age: worst {worstMatched:F2} dB ({whereMatched}); {overMatched} of {pairs} comparisons over 1 dB");
        output.WriteLine($"pole scaling alone: worst {worstPole:F2} dB ({wherePole}); {overPole} of {pairs} comparisons over 1 dB");
        // Sanity bounds for the report: the matched state age must beat pole scaling alone, and keep the voice on
        // nearly the whole grid (the misses are regenerative corners, Uh=2 with high Uf and Wh=0.01, which even the
        // seed itself voices differently at 44.1 and 48 kHz).
        Assert.True(worstMatched < worstPole);
        Assert.True(overMatched <= pairs / 20, $"{overMatched} of {pairs} over 1 dB");
    }
}
