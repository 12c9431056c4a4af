using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Configuration;

public sealed class ConfigCommandTests
{
    [Fact]
    public void Config_check_accepts_a_good_file()
    {
        var path = CliRunner.TempFile("""{ "audio": { "framesPerBuffer": 128 } }""", ".json");
        var (code, stdout, _) = CliRunner.Run("config", "check", path);
        Assert.Equal(0, code);
        Assert.Contains("ok", stdout);
    }

    [Fact]
    public void Config_check_exits_2_with_the_file_and_field()
    {
        var path = CliRunner.TempFile("""{ "knobs": [ { "channel": 0, "parameter": "wh" }, { "channel": 0, "parameter": "wf" } ] }""", ".json");
        var (code, _, stderr) = CliRunner.Run("config", "check", path);
        Assert.Equal(2, code);
        Assert.Contains(path, stderr);
        Assert.Contains("knobs[1].channel", stderr);
    }

    [Fact]
    public void Config_check_reports_bad_json_with_line_and_column()
    {
        var path = CliRunner.TempFile("{\n  \"led\": { \"pin\": 27,, }\n}", ".json");
        var (code, _, stderr) = CliRunner.Run("config", "check", path);
        Assert.Equal(2, code);
        Assert.Contains("line 2, column", stderr);
    }

    [Fact]
    public void Config_show_prints_the_effective_configuration_as_text_and_json()
    {
        var path = CliRunner.TempFile("""{ "footswitch": { "holdMs": 750 } }""", ".json");
        var (code, text, _) = CliRunner.Run("config", "show", "--config", path);
        Assert.Equal(0, code);
        Assert.Contains("hold 750 ms", text);
        Assert.Contains("channel 7: output_gain_db", text);

        var (code2, json, _) = CliRunner.Run("config", "show", "--config", path, "--json");
        Assert.Equal(0, code2);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(750, doc.RootElement.GetProperty("footswitch").GetProperty("holdMs").GetDouble());
        Assert.Equal(48000, doc.RootElement.GetProperty("audio").GetProperty("sampleRateHz").GetInt32());
        Assert.Equal(8, doc.RootElement.GetProperty("knobs").GetArrayLength());
    }
}
