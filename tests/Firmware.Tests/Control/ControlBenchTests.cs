using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;

namespace GruPedalPi.Firmware.Tests.Control;

public sealed class ControlBenchTests
{
    [Fact]
    public void The_control_benchmark_measures_every_path_it_names_with_the_default_configuration()
    {
        // A benchmark that prints "no samples" for a path has stopped measuring it (as the footswitch line did when taps
        // moved to the release on switches with a hold action). The figures themselves are not asserted: they are timing.
        var output = new StringWriter();
        ControlBench.Run(ConfigLoader.Defaults(), output);
        var text = output.ToString();
        Assert.DoesNotContain("no samples", text);
        Assert.Contains("to engine (SetBypass), 40 taps: median", text);
        Assert.Contains("MIDI Program Change to engine (LoadPreset), 40 changes: median", text);
        Assert.Contains("MIDI Control Change 11 (Wh) to engine (SetParameter), 40 changes: median", text);
        Assert.Contains("0 bytes allocated over 100000 ticks", text);
    }
}
