using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Presets;

namespace GruPedalPi.PowerCut.Helper;

/// <summary>
/// What the power-cut test's helper process does until it is killed: saves generation after generation of a few
/// presets and of the saved state, with the library's real atomic writes, and prints "FILE GENERATION" after
/// each write has returned (so the test knows which generation is committed). Every value of a generation is
/// derived from its number, so a torn or mixed file is detectable.
/// </summary>
public static class PowerCutWorkload
{
    /// <summary>The preset names the workload writes.</summary>
    public static readonly string[] PresetNames = ["Power Cut A", "Power Cut B / Room", "Power Cut C #3"];

    /// <summary>The settings of one generation: every parameter a function of the number, inside its preset range.</summary>
    public static PedalSettings SettingsOf(long generation)
    {
        var s = default(PedalSettings);
        foreach (var p in Parameters.All)
        {
            var phase = (generation * 7 + (int)p.Id * 13) % 101 / 100f;
            s[p.Id] = p.PresetMin + (p.PresetMax - p.PresetMin) * phase;
        }

        return s;
    }

    /// <summary>The preset of one name and generation (the generation is also in the notes).</summary>
    public static Preset PresetOf(string name, long generation) =>
        new(name, SettingsOf(generation), "generation " + generation);

    /// <summary>Writes generations from <paramref name="firstGeneration"/> on, forever (until killed).</summary>
    public static void Run(string dataDirectory, long firstGeneration, TextWriter progress)
    {
        using var library = new PresetLibrary(dataDirectory);
        for (var g = firstGeneration; ; g++)
        {
            foreach (var name in PresetNames)
            {
                library.Save(PresetOf(name, g));
                progress.WriteLine($"preset {name}|{g}");
            }

            SavedStateFile.Write(dataDirectory, new SavedState(PresetNames[g % PresetNames.Length], g % 2 == 0, SettingsOf(g)));
            progress.WriteLine($"state|{g}");
        }
    }
}
