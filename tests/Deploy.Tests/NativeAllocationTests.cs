using System.Text.Json;
using Xunit.Abstractions;

namespace GruPedalPi.Deploy.Tests;

/// <summary>
/// The allocation proof on the program that ships: the package's NativeAOT <c>gru-pedal</c>, playing through a real
/// JACK server with a live view attached and <c>status</c> polled, with the GC's young generation at the unit's 512 KB.
/// The JIT build's tests of the same (Firmware.Tests) run other code (the JIT's, CoreCLR's locks); this one holds what a
/// Pi runs.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class NativeAllocationTests(DeployFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // a loaded 2-core machine can be slow to start things

    [Fact]
    public void The_native_program_with_a_live_view_attached_and_status_polled_for_60_s_never_collects_and_allocates_nothing_per_frame()
    {
        Shell.RequireTool("tmux");
        var tree = Path.Combine(fixture.PackagesDir, "native-allocation");
        Shell.Run("rm", ["-rf", tree]);
        Shell.Check("dpkg-deb", ["-x", fixture.Amd64Package, tree]);
        var program = Path.Combine(tree, "usr/lib/gru-pedal/gru-pedal");
        var dir = Path.Combine(fixture.PackagesDir, "native-allocation-run");
        Shell.Run("rm", ["-rf", dir]);
        Directory.CreateDirectory(dir);
        string socket = Path.Combine(dir, "control.sock");
        string wav = Path.Combine(dir, "input.wav");
        // Two seconds of a plucked A2 with harmonics, looped by the service: the chain does real work.
        var riff = new float[96_000];
        for (int i = 0; i < riff.Length; i++)
        {
            double t = i / 48000.0;
            riff[i] = (float)(0.4 * Math.Exp(-2 * t) * (Math.Sin(2 * Math.PI * 110 * t) + 0.5 * Math.Sin(2 * Math.PI * 220 * t) + 0.25 * Math.Sin(2 * Math.PI * 330 * t)));
        }

        FloatWav.WriteMono(wav, riff, 48000);

        using var jack = new JackServer(framesPerPeriod: 64);
        using var pedal = ChildProcess.OfProgram(program, jack.Name, new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "80000" },
            "run", "--device", "system", "--frames", "64", "--simulate", "--input-file", wav, "--socket", socket, "--data-dir", Path.Combine(dir, "data"));
        Assert.True(pedal.WaitForLine("Application started", Patience), pedal.Output);
        var deadline = DateTime.UtcNow + Patience;
        while (Status(program, socket) is not { } s || s.GetProperty("status").GetProperty("steady_seconds").GetDouble() <= 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the pedal did not reach its steady state: " + pedal.Output);
            Thread.Sleep(200);
        }

        string session = $"gru-native-{Environment.ProcessId}";
        Shell.Check("tmux", ["new-session", "-d", "-s", session, "-x", "80", "-y", "24", $"{program} monitor --socket {socket} --refresh-hz 20"]);
        try
        {
            deadline = DateTime.UtcNow + Patience;
            while (!Shell.Run("tmux", ["capture-pane", "-p", "-t", session]).Stdout.Contains("GruPedalPi live view", StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < deadline, "the live view did not start");
                Thread.Sleep(100);
            }

            Thread.Sleep(3000); // the view's first requests' one-time costs (buffers grown)
            var before = Status(program, socket)!.Value.GetProperty("status");
            // 60 s of the view at 20 frames a second, and a `gru-pedal status` (a new connection each) twice a second.
            var end = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            int polls = 0;
            while (DateTime.UtcNow < end)
            {
                Assert.NotNull(Status(program, socket));
                polls++;
                Thread.Sleep(500);
            }

            var last = Status(program, socket)!.Value;
            var after = last.GetProperty("status");
            long requests = last.GetProperty("control").GetProperty("requests").GetInt64();
            long bytes = after.GetProperty("steady_bytes_allocated").GetInt64() - before.GetProperty("steady_bytes_allocated").GetInt64();
            long collections = after.GetProperty("steady_garbage_collections").GetInt64() - before.GetProperty("steady_garbage_collections").GetInt64();
            string figures = $"native program, live view at 20 frames/s and {polls} status polls for 60 s, gen0 budget 512 KB: {bytes} bytes, {collections} collections, {requests} requests in all";
            Console.WriteLine(figures);
            output.WriteLine(figures);
            Assert.True(requests > (60 * 10) + polls, $"the view asked for frames throughout ({requests} requests)");
            Assert.Equal(0, collections);
            // 0 bytes in most runs (80 s of the same by hand on 2026-12-03: 0). Once, this test counted 120 bytes in the
            // window, as the JIT build's counts 64 bytes in about half its full-suite runs: a one-time object at a
            // moment that depends on timing, whose source was not found (docs/allocation.md). The bound is a few such
            // objects; anything per frame (1 200) or per poll (120) would be hundreds of times above it.
            Assert.InRange(bytes, 0, 256);
        }
        finally
        {
            Shell.Run("tmux", ["kill-session", "-t", session]);
            pedal.Terminate();
            pedal.WaitForExit(Patience);
        }
    }

    /// <summary>The service's <c>status</c> answer through the native command line (null when it did not answer).</summary>
    private static JsonElement? Status(string program, string socket)
    {
        var result = Shell.Run(program, ["status", "--socket", socket, "--json"]);
        if (result.ExitCode != 0)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(result.Stdout.Trim());
        return doc.RootElement.Clone();
    }
}
