using System.Text.Json;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Service;

/// <summary>
/// `gru-pedal run` as the whole service: a child process on a real JACK dummy server, its control socket reached by
/// the real `gru-pedal status/set/bypass/preset` clients, its saved state in real files, its simulated control
/// surface played from a scenario, and what it does when the JACK server dies under it.
/// </summary>
[Collection("JACK service")]
public sealed class RunServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // a loaded 2-core machine can be slow to start things
    private readonly ITestOutputHelper _output;

    public RunServiceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Run_serves_status_set_bypass_and_preset_load_on_its_socket_and_boots_again_with_the_saved_state()
    {
        using var jack = new JackServer(framesPerPeriod: 64);
        string dir = Directory.CreateTempSubdirectory("gru-run-socket-").FullName;
        string socket = Path.Combine(dir, "control.sock");
        string data = Path.Combine(dir, "data");

        using (var pedal = StartPedal(jack, socket, data))
        {
            using var first = Client(jack, socket, "status", "--json");
            Assert.Equal("playing", first.RootElement.GetProperty("status").GetProperty("state").GetString());
            Assert.Equal("Plugin Default", first.RootElement.GetProperty("preset").GetString()); // the set list's first, no saved state yet
            Assert.False(first.RootElement.GetProperty("bypassed").GetBoolean());
            Assert.Equal("startup", first.RootElement.GetProperty("last_change").GetString());

            Assert.Contains("loaded Odd Fuzz", ClientText(jack, socket, "preset", "load", "Odd Fuzz"));
            Assert.Contains("= 3", ClientText(jack, socket, "set", "wh", "3"));
            Assert.Contains("bypass on", ClientText(jack, socket, "bypass", "toggle"));

            using var after = Client(jack, socket, "status", "--json");
            var r = after.RootElement;
            Assert.Equal("Odd Fuzz", r.GetProperty("preset").GetString());
            Assert.True(r.GetProperty("modified").GetBoolean(), "wh was set after the load");
            Assert.True(r.GetProperty("bypassed").GetBoolean());
            Assert.Equal("socket", r.GetProperty("last_change").GetString());
            Assert.Equal("playing", r.GetProperty("status").GetProperty("state").GetString());
            Assert.True(r.GetProperty("status").GetProperty("callbacks").GetInt64() > 0);

            pedal.Terminate();
            Assert.True(pedal.WaitForExit(Patience), pedal.Output);
            _output.WriteLine(pedal.Output);
            Assert.Equal(0, pedal.ExitCode);
        }

        Assert.True(File.Exists(Path.Combine(data, "state.json")), "the state was saved");
        Assert.False(File.Exists(socket), "the socket file is removed on stop");

        using (var again = StartPedal(jack, socket, data))
        {
            Assert.Contains("Restored preset 'Odd Fuzz' (bypassed: True)", again.Output);
            using var booted = Client(jack, socket, "status", "--json");
            var r = booted.RootElement;
            Assert.Equal("Odd Fuzz", r.GetProperty("preset").GetString());
            Assert.True(r.GetProperty("bypassed").GetBoolean());
            Assert.True(r.GetProperty("modified").GetBoolean());
            Assert.Equal(3f, Wh(jack, socket)); // set to 3 before the restart
            again.Terminate();
            Assert.True(again.WaitForExit(Patience), again.Output);
            Assert.Equal(0, again.ExitCode);
        }

        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Run_simulate_plays_a_scenario_in_real_time_and_its_footswitch_tap_bypasses_the_running_pedal()
    {
        using var jack = new JackServer(framesPerPeriod: 64);
        string dir = Directory.CreateTempSubdirectory("gru-run-sim-").FullName;
        string socket = Path.Combine(dir, "control.sock");
        string scenario = Path.Combine(dir, "tap.txt");
        // A tap (press 150 ms, well past the 20 ms debounce and short of the 600 ms hold), then the Drive knob
        // turned to the top: it takes over once it reaches the preset's value (pickup) and ends at its maximum.
        File.WriteAllText(scenario, "300 gpio 17 0\n450 gpio 17 1\n600 adc 0 0\n800 adc 0 1023\n");

        using var pedal = new ChildProcess(jack.Name, "run", "--device", "system", "--frames", "64", "--socket", socket,
            "--data-dir", Path.Combine(dir, "data"), "--simulate", "--scenario", scenario);
        Assert.True(pedal.WaitForLine("Scenario " + scenario + " played", Patience), pedal.Output);
        Assert.True(pedal.WaitForLine("knob       -> bypassed", Patience), pedal.Output);

        using var status = Client(jack, socket, "status", "--json");
        var r = status.RootElement;
        Assert.True(r.GetProperty("bypassed").GetBoolean(), "the tap bypassed the effect");
        Assert.Equal("playing", r.GetProperty("status").GetProperty("state").GetString());
        Assert.True(r.GetProperty("modified").GetBoolean(), "the knob moved wh away from the preset");
        Assert.Contains("footswitch -> bypassed", pedal.Output);
        Assert.Equal(GruPedalPi.Dsp.Parameters.Get(GruPedalPi.Dsp.ParameterId.Wh).KnobMax, Wh(jack, socket)); // the Drive knob at its top: wh's knob maximum

        pedal.Terminate();
        Assert.True(pedal.WaitForExit(Patience), pedal.Output);
        _output.WriteLine(pedal.Output);
        Assert.Equal(0, pedal.ExitCode);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_knob_converter_that_cannot_be_opened_is_one_error_naming_it_and_the_pedal_plays_on_without_knobs()
    {
        using var jack = new JackServer(framesPerPeriod: 64);
        string dir = Directory.CreateTempSubdirectory("gru-run-noadc-").FullName;
        string socket = Path.Combine(dir, "control.sock");
        string config = Path.Combine(dir, "config.json");
        // An MCP3008 on SPI bus 9: /dev/spidev9.0 exists on no Pi. No GPIO, so the converter is what fails.
        File.WriteAllText(config, "{\"adc\":{\"type\":\"mcp3008\",\"bus\":9},\"footswitch\":{\"pin\":null},\"led\":{\"pin\":null}}");

        using var pedal = new ChildProcess(jack.Name, "run", "--config", config, "--device", "system", "--frames", "64",
            "--socket", socket, "--data-dir", Path.Combine(dir, "data"));
        Assert.True(pedal.WaitForLine("Control surface unavailable: adc: MCP3008 on /dev/spidev9.0", Patience), pedal.Output);
        Assert.True(pedal.WaitForLine("Application started", Patience), pedal.Output);

        using var status = Client(jack, socket, "status", "--json");
        Assert.Equal("playing", status.RootElement.GetProperty("status").GetProperty("state").GetString());
        Assert.Contains("bypass on", ClientText(jack, socket, "bypass", "on")); // the socket still controls it

        pedal.Terminate();
        Assert.True(pedal.WaitForExit(Patience), pedal.Output);
        Assert.Equal(0, pedal.ExitCode);
        Assert.Equal(1, pedal.Output.Split("Control surface unavailable").Length - 1); // once, not per scan
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_JACK_server_killed_under_run_is_a_logged_fault_then_a_release_or_an_exit_with_code_75_for_systemd_to_restart()
    {
        string dir = Directory.CreateTempSubdirectory("gru-run-kill-").FullName;
        var jack = new JackServer(framesPerPeriod: 64);
        using var pedal = new ChildProcess(jack.Name, "run", "--device", "system", "--frames", "64",
            "--socket", Path.Combine(dir, "control.sock"), "--data-dir", Path.Combine(dir, "data"));
        try
        {
            Assert.True(pedal.WaitForLine("Application started", Patience), pedal.Output);
            jack.Kill();
            Assert.True(pedal.WaitForLine("went away", Patience), pedal.Output);

            // PortAudio 19.6 either releases the dead stream (the service then retries and would play again on a new
            // server) or blocks closing it; then, after 5 s, the service gives up and exits with 75 (EX_TEMPFAIL).
            if (pedal.WaitForExit(Patience))
            {
                _output.WriteLine(pedal.Output);
                Assert.Equal(75, pedal.ExitCode);
                Assert.Contains("was not released within 5 s", pedal.Output);
                Assert.Contains("exiting with code 75 so that systemd restarts the service", pedal.Output);
            }
            else
            {
                // Released: the service retries, and a new server under the same name brings the sound back.
                Assert.Contains("Released the lost audio stream", pedal.Output);
                jack.Dispose();
                jack = new JackServer(framesPerPeriod: 64, name: jack.Name);
                Assert.True(pedal.WaitForLine("is back: playing again", Patience), pedal.Output);
                using var status = Client(jack, Path.Combine(dir, "control.sock"), "status", "--json");
                Assert.Equal("playing", status.RootElement.GetProperty("status").GetProperty("state").GetString());
                long before = status.RootElement.GetProperty("status").GetProperty("callbacks").GetInt64();
                using var later = Client(jack, Path.Combine(dir, "control.sock"), "status", "--json");
                Assert.True(later.RootElement.GetProperty("status").GetProperty("callbacks").GetInt64() > before, "the callbacks run again");
                pedal.Terminate();
                Assert.True(pedal.WaitForExit(Patience), pedal.Output);
                Assert.Equal(0, pedal.ExitCode);
            }
        }
        finally
        {
            jack.Dispose();
        }

        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("{\"audio\":{\"sampleRateHz\":12345}}", "audio.sampleRateHz: 12345 is not one of 44100, 48000, 96000")]
    [InlineData("{\"audio\":{\"stereo\":tru}}", "audio.stereo: invalid JSON at line 1, column 23")]
    [InlineData("{\"audio\":{\"stereo\":true},\"nonsense\":3}", "nonsense: invalid JSON")]
    [InlineData("{\"adc\":{\"type\":\"none\"}}", "knobs: knobs need an ADC (adc.type is \"none\")")]
    public void Run_with_a_bad_configuration_exits_2_naming_the_file_and_field_and_leaves_the_saved_state_alone(string json, string message)
    {
        string dir = Directory.CreateTempSubdirectory("gru-run-badconfig-").FullName;
        string config = Path.Combine(dir, "config.json");
        File.WriteAllText(config, json);
        string data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        string state = Path.Combine(data, "state.json");
        const string Saved = "not touched by a run that cannot start";
        File.WriteAllText(state, Saved);

        // No JACK server: the configuration is refused before any audio device is looked for.
        using var pedal = new ChildProcess("gptest-none", "run", "--config", config, "--data-dir", data,
            "--socket", Path.Combine(dir, "control.sock"));
        Assert.True(pedal.WaitForExit(Patience), pedal.Output);
        Assert.Equal(2, pedal.ExitCode);
        Assert.Contains($"gru-pedal run: {config}: {message}", pedal.Output);
        Assert.DoesNotContain("Application started", pedal.Output);
        Assert.Equal(Saved, File.ReadAllText(state));
        Assert.False(File.Exists(Path.Combine(dir, "control.sock")), "no socket was opened");
        Directory.Delete(dir, recursive: true);
    }

    private static ChildProcess StartPedal(JackServer jack, string socket, string data)
    {
        var pedal = new ChildProcess(jack.Name, "run", "--device", "system", "--frames", "64", "--socket", socket, "--data-dir", data);
        if (!pedal.WaitForLine("Application started", Patience))
        {
            var output = pedal.Output;
            pedal.Dispose();
            Assert.Fail(output);
        }

        return pedal;
    }

    private static float Wh(JackServer jack, string socket)
    {
        using var get = Client(jack, socket, "get", "wh", "--json");
        return get.RootElement.GetProperty("parameters").GetProperty("wh").GetSingle();
    }

    private static string ClientText(JackServer jack, string socket, params string[] args)
    {
        using var client = new ChildProcess(jack.Name, [.. args, "--socket", socket]);
        Assert.True(client.WaitForExit(Patience), client.Output);
        Assert.True(client.ExitCode == 0, $"gru-pedal {string.Join(' ', args)} exited with {client.ExitCode}: {client.Output}");
        return client.Output;
    }

    private static JsonDocument Client(JackServer jack, string socket, params string[] args)
    {
        string text = ClientText(jack, socket, args);
        return JsonDocument.Parse(text[text.IndexOf('{')..(text.LastIndexOf('}') + 1)]);
    }
}
