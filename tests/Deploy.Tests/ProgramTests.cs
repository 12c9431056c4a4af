using System.Text;

namespace GruPedalPi.Deploy.Tests;

/// <summary>
/// The programs the packages carry: the arm64 one is really AArch64 NativeAOT and runs (under qemu-user);
/// the NativeAOT program runs where the unit forbids writable+executable memory; the exit recorder
/// leaves the reason of a stop on disk.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class ProgramTests(DeployFixture fixture)
{
    [Fact]
    public void The_arm64_package_holds_an_aarch64_native_program_that_runs_under_qemu()
    {
        Shell.RequireTool("qemu-aarch64");
        var deb = fixture.Arm64Package;
        Assert.Equal("arm64", Shell.Check("dpkg-deb", ["--field", deb, "Architecture"]).Stdout.Trim());
        var tree = Extract(deb, "arm64-tree");
        var program = Path.Combine(tree, "usr/lib/gru-pedal/gru-pedal");
        Assert.Contains("AArch64", Shell.Check("readelf", ["-h", program]).Stdout);
        Assert.Contains("AArch64", Shell.Check("readelf", ["-h", Path.Combine(tree, "usr/lib/gru-pedal/libSkiaSharp.so")]).Stdout);
        Assert.Empty(Directory.GetFiles(tree, "*.dll", SearchOption.AllDirectories)); // no IL: nothing to JIT

        var version = Shell.Check("qemu-aarch64", ["-L", "/usr/aarch64-linux-gnu", program, "--version"]);

        Assert.Equal(DeployFixture.Version1, version.Stdout.Trim());
    }

    [Theory]
    [InlineData("Plugin Default")]
    [InlineData("Hot Drive")]
    public void The_arm64_program_renders_what_the_amd64_program_renders_to_within_1e_5_per_sample(string preset)
    {
        Shell.RequireTool("qemu-aarch64");
        var arm = Path.Combine(Extract(fixture.Arm64Package, "arm64-render"), "usr/lib/gru-pedal/gru-pedal");
        var amd = Path.Combine(Extract(fixture.Amd64Package, "amd64-render"), "usr/lib/gru-pedal/gru-pedal");
        var dir = Path.Combine(fixture.PackagesDir, "render");
        Directory.CreateDirectory(dir);
        var input = Path.Combine(dir, "pluck.wav");
        FloatWav.WriteMono(input, Pluck(48_000, seconds: 1.5), 48_000);
        var armOut = Path.Combine(dir, $"{preset}-arm64.wav");
        var amdOut = Path.Combine(dir, $"{preset}-amd64.wav");

        // The pedal's own processing: 2x oversampling and fast math, as on stage.
        Shell.Check(amd, ["render", input, amdOut, "--preset", preset, "--quiet"]);
        Shell.Check("qemu-aarch64", ["-L", "/usr/aarch64-linux-gnu", arm, "render", input, armOut, "--preset", preset, "--quiet"], timeoutMinutes: 10);

        var expected = FloatWav.Read(amdOut);
        var actual = FloatWav.Read(armOut);
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Max(MathF.Abs) > 0.05f, "the render is (nearly) silent: nothing was compared");
        var worst = 0.0;
        var at = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Abs((double)expected[i] - actual[i]);
            if (difference > worst)
            {
                worst = difference;
                at = i;
            }
        }

        // Same code, two instruction sets: only the math libraries' last bits (expf, tanhf) may differ.
        Assert.True(worst <= 1e-5, $"arm64 and amd64 differ by {worst:g3} at sample {at} ({expected[at]} vs {actual[at]})");
    }

    [Fact]
    public void The_native_program_runs_with_memory_deny_write_execute_as_the_unit_sets_it()
    {
        var launcher = BuildMdweLauncher();
        var tree = Extract(fixture.Amd64Package, "amd64-tree");
        var program = Path.Combine(tree, "usr/lib/gru-pedal/gru-pedal");

        var version = Shell.Run(launcher, [program, "--version"]);
        var help = Shell.Run(launcher, [program, "--help"]);

        Assert.True(version.ExitCode == 0, $"--version under MDWE exited {version.ExitCode}:\n{version.Output}");
        Assert.Equal(DeployFixture.Version1, version.Stdout.Trim());
        Assert.True(help.ExitCode == 0 && help.Stdout.Contains("run", StringComparison.Ordinal), help.Output);
    }

    [Fact]
    public void The_native_service_plays_through_jack_with_no_network_and_no_writable_executable_memory()
    {
        // What the unit takes away and the live path could miss: the network (unshare -n, as PrivateNetwork=)
        // and W+X memory (PR_SET_MDWE, as MemoryDenyWriteExecute=). JACK's sockets and /dev/shm must still work.
        Shell.RequireTool("jackd");
        Shell.RequireTool("jack_wait");
        Shell.RequireTool("unshare");
        Shell.RequireRoot(); // unshare -n
        var launcher = BuildMdweLauncher();
        var program = Path.Combine(Extract(fixture.Amd64Package, "amd64-service"), "usr/lib/gru-pedal/gru-pedal");
        var dir = Path.Combine(fixture.PackagesDir, "service");
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "config.json");
        File.WriteAllText(config, $$"""
            { "adc": { "type": "none" }, "knobs": [], "footswitch": { "pin": null }, "led": { "pin": null },
              "dataDir": "{{dir}}/data", "socketPath": "{{dir}}/control.sock" }
            """);
        var server = $"gru-deploy-{Environment.ProcessId}";
        var environment = new Dictionary<string, string> { ["JACK_DEFAULT_SERVER"] = server };
        using var jackd = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("jackd")
        {
            ArgumentList = { "-n", server, "-R", "-d", "dummy", "-r", "48000", "-p", "64" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        jackd.OutputDataReceived += (_, _) => { };
        jackd.ErrorDataReceived += (_, _) => { };
        jackd.BeginOutputReadLine();
        jackd.BeginErrorReadLine();
        try
        {
            Shell.Check("jack_wait", ["-s", server, "-w", "-t", "20"]);

            var result = Shell.Run(
                "unshare",
                ["-n", "--", launcher, program, "run", "--config", config, "--duration", "1", "--json", "--quiet"],
                environment);

            Assert.True(result.ExitCode == 0, $"gru-pedal run exited {result.ExitCode}:\n{result.Output}");
            Assert.Contains("\"state\": \"playing\"", result.Stdout);
            Assert.Contains("\"hostApi\": \"JACK Audio Connection Kit\"", result.Stdout);
            Assert.Contains("\"audioThread\": \"SCHED_FIFO", result.Stdout);
            Assert.Contains("\"memoryLocked\": true", result.Stdout);
            Assert.Contains("\"callbackFaults\": 0", result.Stdout);
        }
        finally
        {
            Shell.Run("kill", ["-TERM", jackd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!jackd.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                jackd.Kill();
            }
        }
    }

    [Fact]
    public void The_exit_recorder_keeps_each_stop_and_its_reason_and_stays_short()
    {
        var dir = Path.Combine(fixture.PackagesDir, "exit-log");
        Shell.Run("rm", ["-rf", dir]);
        var recorder = Path.Combine(Shell.RepositoryRoot, "deploy", "record-exit");

        ProcessResult Stop(string result, string code, string status) => Shell.Check(recorder, [], new Dictionary<string, string>
        {
            ["GRU_PEDAL_LOG_DIR"] = dir,
            ["GRU_PEDAL_EXIT_LOG_LINES"] = "5",
            ["SERVICE_RESULT"] = result,
            ["EXIT_CODE"] = code,
            ["EXIT_STATUS"] = status,
        });

        var crash = Stop("watchdog", "killed", "ABRT");
        Assert.StartsWith("<3>", crash.Stdout); // error level in the journal
        Assert.Contains("result=watchdog code=killed status=ABRT", crash.Stdout);
        var stop = Stop("success", "exited", "0");
        Assert.StartsWith("<6>", stop.Stdout);
        var log = File.ReadAllLines(Path.Combine(dir, "exits.log"));
        Assert.Equal(2, log.Length);
        Assert.Contains("result=watchdog code=killed status=ABRT", log[0]);
        Assert.Contains("result=success code=exited status=0", log[1]);

        for (var i = 0; i < 6; i++)
        {
            Stop("exit-code", "exited", (10 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var trimmed = File.ReadAllLines(Path.Combine(dir, "exits.log"), Encoding.UTF8);
        Assert.Equal(5, trimmed.Length);
        Assert.Contains("status=15", trimmed[^1]);
    }

    [Fact]
    public void The_ready_to_run_fallback_builds_a_package_whose_unit_allows_the_jit()
    {
        var result = Shell.Check(
            Path.Combine(Shell.RepositoryRoot, "deploy", "build-deb.sh"),
            ["--arch", "amd64", "--mode", "r2r", "--version", "0.0.1~r2r", "--out", fixture.PackagesDir],
            timeoutMinutes: 15);
        var deb = result.Stdout.Trim().Split('\n')[^1];
        var tree = Extract(deb, "r2r-tree");

        var dropIn = File.ReadAllText(Path.Combine(tree, "lib/systemd/system/gru-pedal.service.d/readytorun.conf"));
        Assert.Contains("MemoryDenyWriteExecute=no", dropIn);
        var runtimeConfig = File.ReadAllText(Path.Combine(tree, "usr/lib/gru-pedal/gru-pedal.runtimeconfig.json"));
        Assert.Contains("\"System.Runtime.TieredCompilation\": false", runtimeConfig); // precompiled code is final
        var version = Shell.Check(Path.Combine(tree, "usr/lib/gru-pedal/gru-pedal"), ["--version"]);
        Assert.Equal("0.0.1~r2r", version.Stdout.Trim());
    }

    /// <summary>A plucked low E with its harmonics, decaying, and a little deterministic noise.</summary>
    private static float[] Pluck(int sampleRateHz, double seconds)
    {
        var samples = new float[(int)(sampleRateHz * seconds)];
        var random = new Random(6);
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / sampleRateHz;
            var tone = 0.0;
            for (var harmonic = 1; harmonic <= 8; harmonic++)
            {
                tone += Math.Sin(2 * Math.PI * 82.41 * harmonic * t) / harmonic;
            }

            samples[i] = (float)((0.45 * tone * Math.Exp(-2.5 * t)) + (0.002 * (random.NextDouble() - 0.5)));
        }

        return samples;
    }

    /// <summary>A ten-line launcher that sets PR_SET_MDWE (what MemoryDenyWriteExecute=yes enforces) and runs a program.</summary>
    private string BuildMdweLauncher()
    {
        Shell.RequireTool("clang");
        var dir = Path.Combine(fixture.PackagesDir, "mdwe");
        Directory.CreateDirectory(dir);
        var source = Path.Combine(dir, "mdwe.c");
        File.WriteAllText(source, """
            #include <stdio.h>
            #include <sys/prctl.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                /* PR_SET_MDWE = 65, PR_MDWE_REFUSE_EXEC_GAIN = 1 (Linux 6.3) */
                if (argc < 2 || prctl(65, 1, 0, 0, 0) != 0) { perror("prctl(PR_SET_MDWE)"); return 125; }
                execv(argv[1], argv + 1);
                perror("execv");
                return 126;
            }
            """);
        var launcher = Path.Combine(dir, "mdwe");
        Shell.Check("clang", ["-O2", "-o", launcher, source]);
        return launcher;
    }

    private string Extract(string deb, string name)
    {
        var tree = Path.Combine(fixture.PackagesDir, name);
        Shell.Run("rm", ["-rf", tree]);
        Shell.Check("dpkg-deb", ["-x", deb, tree]);
        return tree;
    }
}
