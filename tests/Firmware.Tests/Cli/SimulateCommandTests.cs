using System.Text.Json;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Cli;

public sealed class SimulateCommandTests
{
    private static List<JsonElement> Parse(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void A_tap_and_a_hold_produce_the_expected_events()
    {
        var (code, stdout, stderr) = CliRunner.Run("simulate", "--script", CliRunner.Scenario("tap-and-hold.txt"), "--config", CliRunner.TempFile("{}", ".json"));
        Assert.True(code == 0, stderr);
        var events = Parse(stdout);
        var summary = events.Where(e => e.GetProperty("event").GetString() is "bypass" or "preset")
            .Select(e => $"{e.GetProperty("t_ms").GetDouble()} {e.GetProperty("event").GetString()} "
                + (e.TryGetProperty("engaged", out var en) ? en.GetBoolean().ToString() : e.GetProperty("name").GetString()))
            .ToList();
        Assert.Equal(new[]
        {
            "300 bypass False",         // the tap, on its release (the switch has a hold action: tapOn release)
            "1600 preset Plugin Default", // the hold: no bypass change before or after it
        }, summary);
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "led" && e.GetProperty("state").GetString() == "blink");
    }

    [Fact]
    public void The_events_file_gets_the_same_lines_as_stdout_and_runs_are_deterministic()
    {
        var config = CliRunner.TempFile("{}", ".json");
        var out1 = Path.Combine(Path.GetTempPath(), "gru-sim-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var (code, _, stderr) = CliRunner.Run("simulate", "--script", CliRunner.Scenario("knob-sweep.txt"), "--config", config, "--events", out1);
        Assert.True(code == 0, stderr);
        var (_, stdout, _) = CliRunner.Run("simulate", "--script", CliRunner.Scenario("knob-sweep.txt"), "--config", config);
        Assert.Equal(stdout, File.ReadAllText(out1));

        var wh = Parse(stdout).Where(e => e.GetProperty("event").GetString() == "param").ToList();
        Assert.All(wh, e => Assert.Equal("wh", e.GetProperty("name").GetString()));
        var values = wh.Select(e => e.GetProperty("value").GetDouble()).ToList();
        Assert.Contains(5.0, values);   // fully clockwise: exactly the maximum
        Assert.Contains(0.01, values.Select(v => Math.Round(v, 6)));  // fully counter-clockwise: the minimum (float 0.01)
        Assert.Contains(Parse(stdout), e => e.GetProperty("event").GetString() == "pickup");
    }

    [Fact]
    public void Noisy_resting_knobs_produce_no_parameter_events_and_the_fault_blinks()
    {
        var (code, stdout, stderr) = CliRunner.Run("simulate", "--script", CliRunner.Scenario("noisy-knobs.txt"), "--config", CliRunner.TempFile("{}", ".json"));
        Assert.True(code == 0, stderr);
        var events = Parse(stdout);
        Assert.DoesNotContain(events, e => e.GetProperty("event").GetString() == "param");
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "led" && e.GetProperty("state").GetString() == "fault");
    }

    [Fact]
    public void A_preset_line_loads_it_and_knobs_wait_for_pickup()
    {
        var (code, stdout, stderr) = CliRunner.Run("simulate", "--script", CliRunner.Scenario("preset-pickup.txt"), "--config", CliRunner.TempFile("{}", ".json"));
        Assert.True(code == 0, stderr);
        var events = Parse(stdout);
        var names = events.Select(e => e.GetProperty("event").GetString() + ":" + (e.TryGetProperty("name", out var n) ? n.GetString() : "")).ToList();
        Assert.Contains("preset:Odd Fuzz", names);
        var pickupWf = names.IndexOf("pickup:wf");
        Assert.True(pickupWf > 0);
        // No wf change before its pickup.
        Assert.DoesNotContain("param:wf", names.Take(pickupWf));
        var firstWf = events.First(e => e.GetProperty("event").GetString() == "param" && e.GetProperty("name").GetString() == "wf");
        Assert.True(firstWf.GetProperty("t_ms").GetDouble() >= 600);
    }

    [Theory]
    [InlineData("100 adc 0 512\n200 adc 0 2000\n", 2, "out of range 0..1023")]
    [InlineData("# comment\n\n100 gpio 17 2\n", 3, "gpio PIN 0|1")]
    [InlineData("100 gpio 27 0\n", 1, "not an input")]
    [InlineData("100 adc 0 5\n50 adc 0 6\n", 2, "before the previous line")]
    [InlineData("abc adc 0 5\n", 1, "not a time")]
    [InlineData("100 knob 0 5\n", 1, "unknown action")]
    [InlineData("100 preset No Such Preset\n", 1, "no preset named")]
    [InlineData("100 adc 0\n", 1, "CHANNEL RAW")]
    public void A_malformed_line_stops_the_run_with_its_line_number(string script, int line, string problem)
    {
        var path = CliRunner.TempFile(script);
        var (code, stdout, stderr) = CliRunner.Run("simulate", "--script", path, "--config", CliRunner.TempFile("{}", ".json"));
        Assert.Equal(2, code);
        Assert.Contains($"{path}:{line}:", stderr);
        Assert.Contains(problem, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void An_ads1115_configuration_scales_the_raw_values()
    {
        var config = CliRunner.TempFile("""
            { "adc": { "type": "ads1115" }, "knobs": [ { "channel": 2, "parameter": "mix" } ], "knobScan": { "intervalMs": 4 }, "takeover": "jump" }
            """, ".json");
        var script = CliRunner.TempFile("100 adc 2 1023\n300 adc 2 0\n");
        var (code, stdout, stderr) = CliRunner.Run("simulate", "--script", script, "--config", config, "--tail-ms", "200");
        Assert.True(code == 0, stderr);
        var mix = Parse(stdout).Where(e => e.GetProperty("event").GetString() == "param").Select(e => e.GetProperty("value").GetDouble()).ToList();
        Assert.Contains(1.0, mix);
        Assert.Equal(0.0, mix[^1]);
    }

    [Fact]
    public void A_bad_configuration_stops_the_simulator_with_exit_2()
    {
        var (code, _, stderr) = CliRunner.Run("simulate", "--script", CliRunner.Scenario("knob-sweep.txt"), "--config", CliRunner.TempFile("""{ "led": { "pin": 99 } }""", ".json"));
        Assert.Equal(2, code);
        Assert.Contains("led.pin", stderr);
    }
}
