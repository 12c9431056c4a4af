using System.Diagnostics;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Tests.Support;
using GruPedalPi.PowerCut.Helper;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Presets;

/// <summary>
/// A helper process saves presets, the set list and the pedal state (through the real PedalStateSaver) in a loop
/// with the library's real atomic writes; the
/// test kills it with SIGKILL at random moments, many times. After every kill, every file parses, holds either
/// the generation the helper last reported as written or the one it was writing, and nothing is missing.
/// (SIGKILL proves atomicity; that fsync makes the rename survive a real power cut is the kernel's promise.)
/// </summary>
[Collection(GruPedalPi.Firmware.Tests.Remote.AloneCollection.Name)]
public sealed class PowerCutTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 200;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Killing_the_writer_at_random_moments_never_loses_or_tears_a_file()
    {
        // Generation 0 of everything exists before the first kill.
        using (var library = new PresetLibrary(_dir.Path))
        {
            foreach (var name in PowerCutWorkload.PresetNames)
            {
                library.Save(PowerCutWorkload.PresetOf(name, 0));
            }

            library.SetSetList(PowerCutWorkload.SetListOf(0));
        }

        SavedStateFile.Write(_dir.Path, PowerCutWorkload.StateOf(0));
        var committed = PowerCutWorkload.PresetNames.ToDictionary(n => "preset " + n, _ => 0L);
        committed["setlist"] = 0;
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
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var first = process.StandardOutput.ReadLine();
            if (first != "ready")
            {
                process.WaitForExit(10_000);
                Assert.Fail($"kill {kill}: the helper did not start ({first ?? "no output"}; exit {(process.HasExited ? process.ExitCode : -1)}): {await stderr}");
            }

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
            var errors = await stderr;
            Assert.True(errors.Length == 0, $"kill {kill}: the helper wrote to stderr: {errors}");
            Verify(committed, next, kill);
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

    private void Verify(Dictionary<string, long> committed, long runStart, int kill)
    {
        using var library = new PresetLibrary(_dir.Path);
        Assert.True(library.Problems.Count == 0, $"kill {kill}: {string.Join("; ", library.Problems.Select(p => p.Error.ToString()))}");
        foreach (var name in PowerCutWorkload.PresetNames)
        {
            Assert.True(library.TryGet(name, out var entry), $"kill {kill}: preset '{name}' is missing");
            var generation = long.Parse(entry.Preset.Notes!["generation ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var allowed = Allowed(committed["preset " + name], runStart);
            Assert.True(allowed.Contains(generation), $"kill {kill}: '{name}' holds generation {generation}; expected {string.Join(" or ", allowed)}");
            Assert.True(Preset.SameSettings(PowerCutWorkload.SettingsOf(generation), entry.Preset.Settings),
                $"'{name}' holds a mix of generations");
            committed["preset " + name] = generation; // a write that completed without being reported is now known
        }

        var files = Directory.GetFiles(_dir.Presets, "*.json");
        Assert.True(files.Length == PowerCutWorkload.PresetNames.Length, $"kill {kill}: files {string.Join(", ", files.Select(Path.GetFileName))}");
        var setList = library.SetList;
        Assert.True(setList.Error is null && !setList.IsDefault, $"kill {kill}: setlist.json: {setList.Error?.ToString() ?? "missing"}");
        var setListAllowed = Allowed(committed["setlist"], runStart);
        var listMatches = setListAllowed.Where(g => PowerCutWorkload.SetListOf(g).SequenceEqual(setList.Names)).ToList();
        Assert.True(listMatches.Count > 0,
            $"kill {kill}: setlist.json holds [{string.Join(", ", setList.Names)}], neither generation {string.Join(" nor ", setListAllowed)}");
        committed["setlist"] = listMatches[^1];

        var state = SavedStateFile.Read(_dir.Path);
        Assert.NotNull(state);
        var stateAllowed = Allowed(committed["state"], runStart);
        var matches = stateAllowed.Where(g =>
        {
            var expected = PowerCutWorkload.StateOf(g);
            return Preset.SameSettings(expected.Settings, state.Settings) && state.Preset == expected.Preset && state.Bypassed == expected.Bypassed;
        }).ToList();
        Assert.True(matches.Count > 0, $"kill {kill}: state.json holds neither generation {string.Join(" nor ", stateAllowed)}");
        committed["state"] = matches[^1];
    }

    /// <summary>The old content (the last generation known on disk: reported written, or found by the last check)
    /// or the new one (the generation in flight when the kill landed: the next one, or the run's first when this
    /// run had not written the file yet).</summary>
    private static long[] Allowed(long committed, long runStart) =>
        [committed, committed >= runStart ? committed + 1 : runStart];
}
