using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Service;

namespace GruPedalPi.Firmware.Tests.Service;

/// <summary>`run --simulate`'s key help: it once came as one 162-character line, which an 80-column terminal wrapped
/// into two full rows and a stray "s." (the end of "quits.") on a third.</summary>
public sealed class SimulatedKeyHelpTests
{
    public static TheoryData<string> Configurations => new()
    {
        "{}",
        """{ "adc": { "type": "ads1115" }, "knobs": [ { "channel": 0, "parameter": "wh" }, { "channel": 1, "parameter": "output_gain_db" }, { "channel": 2, "parameter": "input_gain_db" }, { "channel": 3, "parameter": "mix" } ], "knobScan": { "intervalMs": 5 } }""",
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_key_help_fits_an_80_column_terminal_so_no_fragment_wraps_onto_a_line_of_its_own(string json)
    {
        var config = ConfigLoader.Parse(json, "test.json");
        var lines = ControlSurfaceService.HelpLines(config);

        foreach (var line in lines)
        {
            Assert.True(line.Length < 80, $"\"{line}\" is {line.Length} characters: an 80-column terminal wraps it");
            Assert.True(line.Trim().Length > 10, $"\"{line}\" is a fragment");
        }

        var text = string.Join(" ", lines);
        for (int i = 0; i < config.ResolvedKnobs.Count; i++)
        {
            var name = Parameters.Get(config.ResolvedKnobs[i].Parameter).Name;
            Assert.Contains($"{ControlSurfaceService.UpKeys[i]}/{ControlSurfaceService.DownKeys[i]} {name}", text);
        }

        Assert.Contains("space taps the footswitch", text);
        Assert.EndsWith("Ctrl+C quits.", lines[^1]);
    }
}
