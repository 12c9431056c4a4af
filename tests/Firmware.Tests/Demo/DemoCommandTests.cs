using GruPedalPi.Firmware.Cli;
using GruPedalPi.Firmware.Demo;
using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Demo;

public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_writes_the_dry_and_wet_riff_and_both_figures_and_prints_a_summary()
    {
        using var folder = new TempDir();
        var dir = Path.Combine(folder.Path, "demo-output");

        var (exit, output, error) = CommandRunner.Run(DemoCommand.Create(), "--output", dir);

        Assert.True(exit == 0, error);
        // The live demo writes its recording and summary beside the offline renders and figures.
        var written = Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).ToHashSet();
        foreach (var name in new[] { "curve.png", "harmonics.png", "riff-dry.wav", "riff-wet.wav" })
        {
            Assert.Contains(name, written);
        }
        var (dryFormat, dry) = TestWav.ReadFloat(Path.Combine(dir, "riff-dry.wav"));
        var (wetFormat, wet) = TestWav.ReadFloat(Path.Combine(dir, "riff-wet.wav"));
        Assert.Equal(48000, dryFormat.SampleRate);
        Assert.Equal(48000, wetFormat.SampleRate);
        Assert.Equal(8 * 48000, dry[0].Length);
        Assert.Equal(dry[0].Length, wet[0].Length);
        Assert.NotEqual(dry[0], wet[0]);
        PngHeader.Read(Path.Combine(dir, "curve.png"));
        PngHeader.Read(Path.Combine(dir, "harmonics.png"));
        Assert.Contains("Plugin Default", output);
        Assert.Contains("riff-wet.wav", output);
        Assert.Contains("dBFS", output);
    }

    [Fact]
    public void Offline_demo_plays_through_the_preset_it_is_given()
    {
        using var folder = new TempDir();
        var summary = new OfflineDemo(folder.Path, GruPedalPi.Dsp.FactoryPresets.Find("Odd Fuzz")).Run();

        Assert.Equal("Odd Fuzz", summary.PresetName);
        Assert.Contains("bf=5", summary.Settings);
        Assert.True(File.Exists(summary.WetPath));
        Assert.Equal(8.0, summary.DurationSeconds, 6);
    }

    [Fact]
    public void Demo_with_an_unknown_preset_exits_with_code_2()
    {
        using var folder = new TempDir();
        var (exit, _, error) = CommandRunner.Run(DemoCommand.Create(), "--output", folder.Path, "--preset", "nope");

        Assert.Equal(2, exit);
        Assert.Contains("nope", error);
        Assert.Empty(folder.FileNames());
    }
}
