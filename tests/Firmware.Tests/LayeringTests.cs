using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Hardware.Audio;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests;

/// <summary>
/// The layers of <c>src/Firmware</c> (docs/architecture.md), held on the compiled code: a folder uses only folders
/// of lower layers, Dsp and Hardware use nothing of the project, and nothing the audio callback can reach lives
/// above <c>Engine</c>.
/// </summary>
public sealed class LayeringTests(ITestOutputHelper output)
{
    /// <summary>The folders of src/Firmware that hold code, by layer, lowest first (docs/architecture.md draws them). Program.cs,
    /// the entry point, is top-level statements in no namespace: above everything.</summary>
    public static readonly string[][] Layers =
    [
        ["Core", "Interop"],
        ["Engine", "Signals", "Latency", "Health"],
        ["Presets", "Tuning"],
        ["Bindings"],
        ["Configuration", "Midi"],
        ["Control"],
        ["Remote", "Offline"],
        ["Plotting", "LiveView"],
        ["Demo", "Service"],
        ["Benchmarks"],
        ["Cli"],
    ];

    private static readonly string FirmwarePath = typeof(AudioEngine).Assembly.Location;

    [Fact]
    public void Every_folder_of_the_firmware_has_a_layer()
    {
        var dependencies = new FolderDependencies(FirmwarePath, "GruPedalPi.Firmware");
        var layered = FolderDependencies.LayerIndex(Layers);
        var missing = dependencies.Folders.Where(f => !layered.ContainsKey(f)).ToList();
        Assert.True(missing.Count == 0, $"folders with no layer (add them to Layers and docs/architecture.md): {string.Join(", ", missing)}");
        var gone = layered.Keys.Where(f => !dependencies.Folders.Contains(f)).ToList();
        Assert.True(gone.Count == 0, $"layers name folders that hold no type: {string.Join(", ", gone)}");
    }

    [Fact]
    public void No_folder_of_the_firmware_uses_one_of_its_own_layer_or_above()
    {
        var dependencies = new FolderDependencies(FirmwarePath, "GruPedalPi.Firmware");
        foreach (var ((from, to), _) in dependencies.Uses.OrderBy(u => u.Key.From, StringComparer.Ordinal).ThenBy(u => u.Key.To, StringComparer.Ordinal))
        {
            output.WriteLine($"{from} -> {to}");
        }

        var violations = dependencies.Violations(Layers);
        Assert.True(violations.Count == 0, "uses against the layering:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void The_rule_reports_a_folder_that_uses_one_above_it()
    {
        // The real layering with Interop moved to the top: the engine's call to LibC.GetTid is then an upward use,
        // and the rule must name it (this is the circle Engine -> Service the move into Interop took away).
        var dependencies = new FolderDependencies(FirmwarePath, "GruPedalPi.Firmware");
        var interopOnTop = Layers.Select(l => l.Where(f => f != "Interop").ToArray()).Append(["Interop"]).ToList();
        var violations = dependencies.Violations(interopOnTop);
        Assert.Contains(violations, v => v.StartsWith("Engine (layer 1) uses Interop", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("AudioEngine", StringComparison.Ordinal) && v.Contains("LibC", StringComparison.Ordinal));
    }

    [Fact]
    public void Dsp_and_hardware_reference_no_other_assembly_of_the_project()
    {
        foreach (var assembly in new[] { typeof(PedalChain).Assembly, typeof(IAudioCallback).Assembly })
        {
            var project = assembly.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("GruPedalPi", StringComparison.Ordinal)).ToList();
            Assert.True(project.Count == 0, $"{assembly.GetName().Name} references {string.Join(", ", project.Select(a => a.Name))}");
        }
    }

    [Fact]
    public void Nothing_the_audio_callback_reaches_lives_above_the_engine()
    {
        var reach = new AudioPathReach([typeof(PedalChain).Assembly.Location, typeof(IAudioCallback).Assembly.Location, FirmwarePath]);
        var callback = reach.Method(typeof(PortAudioStream).FullName!, "Callback");
        var reached = reach.From(callback);

        var layerOf = FolderDependencies.LayerIndex(Layers);
        int engineLayer = layerOf["Engine"];
        var above = new List<string>();
        foreach (var method in reached)
        {
            var type = method.DeclaringType;
            while (type.DeclaringType is not null)
            {
                type = type.DeclaringType;
            }

            string ns = type.Namespace;
            if (!ns.StartsWith("GruPedalPi.Firmware", StringComparison.Ordinal))
            {
                continue; // Dsp and Hardware: below everything of the firmware
            }

            string folder = ns == "GruPedalPi.Firmware" ? FolderDependencies.RootFolder : ns.Split('.')[2];
            if (!layerOf.TryGetValue(folder, out int layer) || layer > engineLayer)
            {
                above.Add($"{method.FullName} ({folder})");
            }
        }

        output.WriteLine($"{reached.Count} methods reachable from the callback; their types: " +
                         string.Join(", ", reached.Select(m => m.DeclaringType.FullName).Distinct().Order(StringComparer.Ordinal)));
        Assert.Contains(reached, m => m.DeclaringType.FullName == typeof(AudioEngine).FullName && m.Name == "Process");
        Assert.Contains(reached, m => m.DeclaringType.FullName == typeof(PedalChain).FullName && m.Name == "Process");
        Assert.True(above.Count == 0, "the audio callback reaches code above the engine:\n" + string.Join('\n', above));
        // A delegate's target is set at run time, from anywhere: the path calls none, so the walk above is complete.
        Assert.True(reach.DelegateCalls.Count == 0, "the audio path calls delegates, whose targets the walk cannot see:\n" + string.Join('\n', reach.DelegateCalls));
    }
}
