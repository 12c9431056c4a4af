using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Service;

namespace GruPedalPi.PowerCut.Helper;

/// <summary>
/// What the power-cut test's helper process does until it is killed: saves generation after generation of a few
/// presets, of the set list (<c>setlist.json</c>, through the library) and of the saved state (through the real
/// <see cref="PedalStateSaver"/> following a real <see cref="PedalControl"/>: a preset load and a footswitch bypass,
/// then the saver's flush), and prints "FILE|GENERATION" after each write has returned (so the test knows which
/// generation is committed). Every value of a generation is derived from its number, so a torn or mixed file is
/// detectable.
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

    /// <summary>The set list of one generation: 1..5 entries (a name may repeat), starting at a rotating preset, so that
    /// two consecutive generations never have the same list.</summary>
    public static IReadOnlyList<string> SetListOf(long generation)
    {
        int rotation = (int)(generation % PresetNames.Length);
        int length = 1 + (int)(generation % 5);
        return Enumerable.Range(0, length).Select(i => PresetNames[(rotation + i) % PresetNames.Length]).ToArray();
    }

    /// <summary>The saved state of one generation: its preset (by rotation), bypassed on even generations, its settings.</summary>
    public static SavedState StateOf(long generation) =>
        new(PresetNames[generation % PresetNames.Length], generation % 2 == 0, SettingsOf(generation));

    /// <summary>The preset of one name and generation (the generation is also in the notes).</summary>
    public static Preset PresetOf(string name, long generation) =>
        new(name, SettingsOf(generation), "generation " + generation);

    /// <summary>Writes generations from <paramref name="firstGeneration"/> on, forever (until killed).</summary>
    public static void Run(string dataDirectory, long firstGeneration, TextWriter progress)
    {
        using var library = new PresetLibrary(dataDirectory);
        // The pedal as the service holds it (no audio engine drains its queue here: it only keeps the state), and the
        // saver that follows it. The saver's own timer (60 s) never fires in the helper's life: each generation's
        // state is written by Flush, as at shutdown, so that the test knows which write completed.
        var pedal = new PedalControl(new ParameterQueue(16), SettingsOf(firstGeneration - 1));
        using var saver = new PedalStateSaver(pedal, dataDirectory, interval: TimeSpan.FromSeconds(60));
        for (var g = firstGeneration; ; g++)
        {
            foreach (var name in PresetNames)
            {
                library.Save(PresetOf(name, g));
                progress.WriteLine($"preset {name}|{g}");
            }

            library.SetSetList(SetListOf(g));
            progress.WriteLine($"setlist|{g}");

            var state = StateOf(g);
            pedal.LoadPreset(state.Preset!, state.Settings, ControlSource.Socket);
            pedal.SetBypass(state.Bypassed, ControlSource.Footswitch);
            saver.Flush();
            progress.WriteLine($"state|{g}");
        }
    }
}
