using System.Diagnostics;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.PowerCut.Helper;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Presets;

/// <summary>
/// A helper process saves presets and the pedal state in a loop with the library's real atomic writes; the
/// test kills it with SIGKILL at random moments, many times. After every kill, every file parses, holds either
/// the generation the helper last reported as written or the one it was writing, and nothing is missing.
/// (SIGKILL proves atomicity; that fsync makes the rename survive a real power cut is the kernel's promise.)
/// </summary>
public sealed class PowerCutTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 200;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Killing_the_writer_at_random_moments_never_loses_or_tears_a_file()
    {
        // Generation 0 of everything exists before the first kill.
        using (var library = new PresetLibrary(_dir.Path))
        {
            foreach (var name in PowerCutWorkload.PresetNames)
            {
                library.Save(PowerCutWorkload.PresetOf(name, 0));
            }
        }

        SavedStateFile.Write(_dir.Path, new SavedState(PowerCutWorkload.PresetNames[0], true, PowerCutWorkload.SettingsOf(0)));
        var committed = PowerCutWorkload.PresetNames.ToDictionary(n => "preset " + n, _ => 0L);
        committed["state"] = 0;

        var random = new Random(20261125);
        var helper = Path.Combine(AppContext.BaseDirectory, "PowerCut.Helper.dll"); // and its apphost beside it
        Assert.True(File.Exists(helper), $"the helper is built next to the tests: {helper}");
        var watch = Stopwatch.StartNew();
        var linesSeen = 0L;
        var next = 1L;
        for (var kill = 0; kill < Kills; kill++)
        {
            var psi = new ProcessStartInfo(Path.ChangeExtension(helper, null), [_dir.Path, next.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(psi)!;
            Assert.Equal("ready", process.StandardOutput.ReadLine());

            // Kill after a random number of completed writes (0..12): the helper is then somewhere inside its
            // next write (temporary file, fsync, rename, folder fsync) when SIGKILL lands.
            var writes = random.Next(0, 13);
            for (var i = 0; i < writes; i++)
            {
                Record(process.StandardOutput.ReadLine(), committed);
            }

            process.Kill(); // SIGKILL
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                Record(line, committed); // written before the kill, still in the pipe
                linesSeen++;
            }

            process.WaitForExit();
            linesSeen += writes;
            Verify(committed, next);
            next = committed.Values.Max() + 2;
        }

        output.WriteLine($"{Kills} kills in {watch.Elapsed.TotalSeconds:0.0} s, {linesSeen} completed writes seen");
        Console.WriteLine($"power-cut test: {Kills} SIGKILLs in {watch.Elapsed.TotalSeconds:0.0} s, {linesSeen} completed writes, every file intact");
    }

    private static void Record(string? line, Dictionary<string, long> committed)
    {
        Assert.NotNull(line);
        var bar = line.LastIndexOf('|');
        committed[line[..bar]] = long.Parse(line[(bar + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Verify(Dictionary<string, long> committed, long runStart)
    {
        using var library = new PresetLibrary(_dir.Path);
        Assert.Empty(library.Problems);
        foreach (var name in PowerCutWorkload.PresetNames)
        {
            Assert.True(library.TryGet(name, out var entry), $"preset '{name}' is missing");
            var generation = long.Parse(entry.Preset.Notes!["generation ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(generation, Allowed(committed["preset " + name], runStart));
            Assert.True(Preset.SameSettings(PowerCutWorkload.SettingsOf(generation), entry.Preset.Settings),
                $"'{name}' holds a mix of generations");
        }

        Assert.Equal(PowerCutWorkload.PresetNames.Length, Directory.GetFiles(_dir.Presets, "*.json").Length);
        var state = SavedStateFile.Read(_dir.Path);
        Assert.NotNull(state);
        Assert.Contains(Allowed(committed["state"], runStart), g =>
            Preset.SameSettings(PowerCutWorkload.SettingsOf(g), state.Settings)
            && state.Preset == PowerCutWorkload.PresetNames[g % PowerCutWorkload.PresetNames.Length]
            && state.Bypassed == (g % 2 == 0));
    }

    /// <summary>The old content (the last generation reported written) or the new one (the generation in flight
    /// when the kill landed: the next one, or the run's first when this run had not written the file yet).</summary>
    private static long[] Allowed(long committed, long runStart) =>
        [committed, committed >= runStart ? committed + 1 : runStart];
}
