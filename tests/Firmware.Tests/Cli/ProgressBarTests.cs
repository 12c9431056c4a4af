using GruPedalPi.Firmware.Cli;
using GruPedalPi.Firmware.Offline;

namespace GruPedalPi.Firmware.Tests.Cli;

public sealed class ProgressBarTests
{
    [Fact]
    public void The_bar_redraws_in_place_only_when_the_percentage_changes_and_ends_its_line()
    {
        var text = new StringWriter();
        var bar = new ProgressBar(text, "render");

        bar.Report(0.5);
        bar.Report(0.501);
        bar.Report(1.0);
        bar.Finish();

        var draws = text.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, draws.Length);
        Assert.Equal("render [" + new string('#', 15) + new string('-', 15) + "]  50%", draws[0]);
        Assert.Equal("render [" + new string('#', 30) + "] 100%" + Environment.NewLine, draws[1]);
    }
}
