using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace GruPedalPi.SystemTests;

/// <summary>
/// "Pulling the power cord leaves each file either as it was or as it was going to be", tested by pulling it: the
/// guest's disk is a raw file opened without a host cache (<c>cache=none</c>), and qemu is killed with SIGKILL at a
/// random moment while the pedal plays and a client saves presets, edits the set list, imports presets and changes
/// a parameter (the state saver writes it). Every boot first checks what the last cut left
/// (<c>Guest/payload/powercut.sh</c>), then starts the next workload: one boot is one cut-and-check cycle. The
/// console lines the guest writes as each operation is acknowledged are the record the checks are held to.
/// </summary>
public sealed class PowerLossTests : IDisposable
{
    /// <summary>Power cuts in the test suite; <c>GRU_PEDAL_POWER_CUTS</c> sets another number (the benchmark: 100).</summary>
    public const int DefaultCuts = 20;

    private readonly ITestOutputHelper _output;
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"gru-pedal-power-loss-{Environment.ProcessId}");

    /// <summary>Gets the test's output.</summary>
    public PowerLossTests(ITestOutputHelper output) => _output = output;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_work) && Environment.GetEnvironmentVariable("GRU_PEDAL_KEEP_SYSTEM_TEST") is null)
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public void After_every_power_cut_each_file_is_whole_every_acknowledged_operation_is_there_and_the_pedal_plays_the_saved_state()
    {
        int cuts = int.TryParse(Environment.GetEnvironmentVariable("GRU_PEDAL_POWER_CUTS"), out int n) && n > 0 ? n : DefaultCuts;
        Shell.RequireRoot();
        var image = GuestImage.Ensure();
        var payload = GuestImage.NewPayload(Path.Combine(_work, "payload"));

        var machine = new GuestMachine(image, Path.Combine(_work, "machine"), rawDisk: true);
        var install = machine.Boot("install", payload, timeoutMinutes: 10);
        Assert.True(install.Has("state_saved") && install["state_saved"] == "0", $"the package installed and saved a state\n{install.Explain()}");
        File.Delete(Path.Combine(payload, "gru-pedal.deb"));

        var ledger = new PowerLossLedger(initialTone: "0.25");
        var random = new Random(20261201);
        for (int boot = 1; boot <= cuts + 1; boot++)
        {
            bool final = boot == cuts + 1;
            File.WriteAllText(Path.Combine(payload, "boot-id"), boot.ToString(CultureInfo.InvariantCulture));
            var finalMarker = Path.Combine(payload, "final");
            if (final)
            {
                File.WriteAllText(finalMarker, "");
            }

            var delay = TimeSpan.FromMilliseconds(random.Next(500, 6000));
            var result = final
                ? machine.Boot("powercut", payload, timeoutMinutes: 5)
                : machine.BootAndCut("powercut", payload, "@@ WORKLOAD-START", delay, timeoutMinutes: 5);
            var lines = ConsoleLines(result.SerialLog);
            var problems = ledger.Check(boot, lines);
            Assert.True(problems.Count == 0, $"after power cut {boot - 1}: {string.Join("; ", problems)}\n--- console\n{string.Join('\n', lines)}\n{result.Explain()}");
            if (!final)
            {
                Assert.True(result.QemuExitCode == -9, $"boot {boot} reached the workload and was cut (qemu exit {result.QemuExitCode})\n{result.Explain()}");
                ledger.Record(lines);
            }
        }

        var report = string.Create(CultureInfo.InvariantCulture,
            $"power cuts {cuts}, operations acknowledged {ledger.Acknowledged}, operations found {ledger.Found}, files checked {ledger.FilesChecked}, corrupt found {ledger.Corrupt}, state as last acknowledged {ledger.StateAsLastAcknowledged} of {cuts}");
        _output.WriteLine(report);
        File.WriteAllText(Path.Combine(Shell.RepositoryRoot, "artifacts", "system-tests", "power-loss-report.txt"), report + "\n");
        Assert.True(ledger.Acknowledged >= cuts, $"the workloads got operations acknowledged before the cuts ({report})");
        Assert.Equal(ledger.Acknowledged, ledger.Found);
        Assert.Equal(0, ledger.Corrupt);
    }

    /// <summary>The lines the guest wrote with its <c>@@</c> marker, in order, without it.</summary>
    private static List<string> ConsoleLines(string serial) =>
        File.Exists(serial)
            ? File.ReadAllLines(serial).Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("@@ ", StringComparison.Ordinal)).Select(l => l[3..]).ToList()
            : [];
}
