using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void The_defaults_are_eight_knobs_on_an_mcp3008_footswitch_17_led_27()
    {
        var c = ConfigLoader.Defaults();
        Assert.Equal("mcp3008", c.Adc.Type);
        Assert.Equal(Enumerable.Range(0, 8), c.ResolvedKnobs.Select(k => k.Channel));
        Assert.Equal(
            new[] { ParameterId.Wh, ParameterId.Wf, ParameterId.Uf, ParameterId.Uh, ParameterId.Bf, ParameterId.Tone, ParameterId.Mix, ParameterId.OutputGainDb },
            c.ResolvedKnobs.Select(k => k.Parameter));
        Assert.Equal(KnobTaper.Log, c.ResolvedKnobs[0].Mapping.Taper);
        Assert.Equal(KnobTaper.AntiLog, c.ResolvedKnobs[7].Mapping.Taper);
        Assert.Equal(17, c.Footswitch.Pin);
        Assert.Equal(27, c.Led.Pin);
        Assert.Equal(48000, c.Audio.SampleRateHz);
        Assert.Equal(64, c.Audio.FramesPerBuffer);
        Assert.Equal(new[] { 0, 1 }, c.Audio.OutputChannels);
        Assert.Equal(2, c.Audio.Oversampling);
        Assert.Equal("/var/lib/gru-pedal", c.DataDir);
        Assert.Equal("/run/gru-pedal/control.sock", c.SocketPath);
    }

    [Fact]
    public void A_file_overrides_only_what_it_names_and_accepts_comments()
    {
        var c = ConfigLoader.Parse("""
            // on the Pi
            { "audio": { "sampleRateHz": 96000, "device": "hifiberry", },
              "footswitch": { "holdMs": 800 } }
            """, "x.json");
        Assert.Equal(96000, c.Audio.SampleRateHz);
        Assert.Equal("hifiberry", c.Audio.Device);
        Assert.Equal(64, c.Audio.FramesPerBuffer);
        Assert.Equal(800, c.Footswitch.HoldMs);
        Assert.Equal(17, c.Footswitch.Pin);
    }

    [Fact]
    public void The_json_output_reads_back_as_the_same_configuration()
    {
        var c = ConfigLoader.Parse("""{ "knobs": [ { "channel": 2, "parameter": "drive", "min": 0.5, "max": 3 } ], "takeover": "jump" }""", "x.json");
        var again = ConfigLoader.Parse(ConfigLoader.ToJson(c), "again.json");
        Assert.Equal(ConfigLoader.ToJson(c), ConfigLoader.ToJson(again));
        Assert.Equal(0.5f, again.ResolvedKnobs[0].Mapping.Min);
    }

    [Theory]
    [InlineData("""{ "adc": { "type": "mcp3009" } }""", "adc.type", "unknown ADC")]
    [InlineData("""{ "footswitch": { "pin": 40 } }""", "footswitch.pin", "out of range")]
    [InlineData("""{ "led": { "pin": 10 } }""", "led.pin", "SPI0")]
    [InlineData("""{ "led": { "pin": 17 } }""", "led.pin", "footswitch")]
    [InlineData("""{ "knobs": [ { "channel": 1, "parameter": "wh" }, { "channel": 1, "parameter": "wf" } ] }""", "knobs[1].channel", "two knobs on one channel")]
    [InlineData("""{ "knobs": [ { "channel": 8, "parameter": "wh" } ] }""", "knobs[0].channel", "out of range 0..7")]
    [InlineData("""{ "adc": { "type": "ads1115" }, "knobs": [ { "channel": 4, "parameter": "wh" } ], "knobScan": { "intervalMs": 5 } }""", "knobs[0].channel", "0..3")]
    [InlineData("""{ "knobs": [ { "channel": 0, "parameter": "fuzziness" } ] }""", "knobs[0].parameter", "unknown parameter \"fuzziness\"")]
    [InlineData("""{ "knobs": [ { "channel": 0, "parameter": "wh", "taper": "logarithmic" } ] }""", "knobs[0].taper", "linear, log or antilog")]
    [InlineData("""{ "knobs": [ { "channel": 0, "parameter": "mix", "max": 2 } ] }""", "knobs[0].max", "outside")]
    [InlineData("""{ "audio": { "sampleRateHz": 22050 } }""", "audio.sampleRateHz", "44100, 48000, 96000")]
    [InlineData("""{ "audio": { "framesPerBuffer": 8 } }""", "audio.framesPerBuffer", "16..4096")]
    [InlineData("""{ "audio": { "oversampling": 3 } }""", "audio.oversampling", "1, 2, 4, 8")]
    [InlineData("""{ "audio": { "quality": "ultra" } }""", "audio.quality", "standard, high, low-latency")]
    [InlineData("""{ "audio": { "outputChannels": [0, 0] } }""", "audio.outputChannels[1]", "twice")]
    [InlineData("""{ "takeover": "glide" }""", "takeover", "pickup or jump")]
    [InlineData("""{ "footswitch": { "tap": "boost" } }""", "footswitch.tap", "bypass, next-preset, previous-preset, preset:NAME, setlist:N or none")]
    [InlineData("""{ "dataDir": "relative/dir" }""", "dataDir", "absolute")]
    [InlineData("""{ "adc": { "type": "ads1115", "address": 80 }, "knobs": [], "knobScan": { "intervalMs": 5 } }""", "adc.address", "0x48..0x4B")]
    public void A_wrong_value_names_the_file_and_the_field(string json, string field, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(json, "/etc/gru-pedal/config.json"));
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith("/etc/gru-pedal/config.json: " + field + ": ", e.Message);
    }

    [Fact]
    public void Bad_json_gives_the_line_and_column()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("{\n  \"audio\": {\n    \"sampleRateHz\": 48000x\n  }\n}", "c.json"));
        Assert.Contains("c.json", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("column", e.Message);
    }

    [Fact]
    public void A_misspelt_field_is_an_error_not_ignored()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "footswich": { "pin": 5 } }""", "c.json"));
        Assert.Contains("footswich", e.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_field()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{ "footswitch": { "pin": "seventeen" } }""", "c.json"));
        Assert.Equal("footswitch.pin", e.Field);
        Assert.Contains("line 1", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "config.json");
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));
        Assert.Contains(path, e.Message);
    }
}
