using GruPedalPi.Firmware.Cli;
using GruPedalPi.Firmware.Tests.Support;
using NAudio.Wave;

namespace GruPedalPi.Firmware.Tests.Offline;

public sealed class RenderErrorTests
{
    private static void AssertUsageError(TempDir folder, string[] args, string[] filesBefore, params string[] mustMention)
    {
        var (exit, output, error) = CommandRunner.Run(RenderCommand.Create(), args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("gru-pedal render: ", line);
        foreach (var word in mustMention)
        {
            Assert.Contains(word, line);
        }

        // No output file and no temporary file left behind.
        Assert.Equal(filesBefore, folder.FileNames());
    }

    [Fact]
    public void A_missing_input_file_is_named()
    {
        using var folder = new TempDir();
        AssertUsageError(folder, [folder.File("nope.wav"), folder.File("out.wav")], [], "nope.wav", "no such file");
    }

    [Fact]
    public void A_file_that_is_not_a_wav_is_named()
    {
        using var folder = new TempDir();
        File.WriteAllText(folder.File("notes.wav"), "these are not the samples you are looking for");
        AssertUsageError(folder, [folder.File("notes.wav"), folder.File("out.wav")], ["notes.wav"], "notes.wav", "not a WAV file");
    }

    [Fact]
    public void An_unsupported_encoding_is_named()
    {
        using var folder = new TempDir();
        using (var writer = new WaveFileWriter(folder.File("alaw.wav"), WaveFormat.CreateALawFormat(48000, 1)))
        {
            writer.Write(new byte[480], 0, 480);
        }

        AssertUsageError(folder, [folder.File("alaw.wav"), folder.File("out.wav")], ["alaw.wav"], "alaw.wav", "unsupported encoding");
    }

    [Fact]
    public void A_sample_rate_below_the_range_is_named()
    {
        using var folder = new TempDir();
        TestWav.Write(folder.File("low.wav"), 22050, 1, 16, isFloat: false, frames: 100);
        AssertUsageError(folder, [folder.File("low.wav"), folder.File("out.wav")], ["low.wav"], "22050 Hz", "44100..192000");
    }

    [Fact]
    public void More_than_two_channels_are_refused()
    {
        using var folder = new TempDir();
        using (var writer = new WaveFileWriter(folder.File("quad.wav"), new WaveFormat(48000, 16, 4)))
        {
            writer.Write(new byte[800], 0, 800);
        }

        AssertUsageError(folder, [folder.File("quad.wav"), folder.File("out.wav")], ["quad.wav"], "4 channels");
    }

    [Theory]
    [InlineData("--mix", "1.5", "0..1")]
    [InlineData("--wf", "11", "0..10")]
    [InlineData("--drive", "-1", "0..5")]
    [InlineData("--input-gain-db", "30", "-24..24")]
    [InlineData("--tone", "abc", "-1..1")]
    [InlineData("--oversample", "3", "1, 2, 4, 8")]
    [InlineData("--quality", "ultra", "standard, high")]
    public void An_out_of_range_option_names_the_option_and_its_range(string option, string value, string range)
    {
        using var folder = new TempDir();
        TestWav.Write(folder.File("in.wav"), 48000, 1, 16, isFloat: false, frames: 100);
        var canonical = option == "--drive" ? "--wh" : option;
        AssertUsageError(folder, [folder.File("in.wav"), folder.File("out.wav"), option, value], ["in.wav"], canonical, range);
    }

    [Fact]
    public void An_unknown_preset_lists_the_known_ones()
    {
        using var folder = new TempDir();
        TestWav.Write(folder.File("in.wav"), 48000, 1, 16, isFloat: false, frames: 100);
        AssertUsageError(folder, [folder.File("in.wav"), folder.File("out.wav"), "--preset", "Brown Sound"], ["in.wav"], "Brown Sound", "Plugin Default");
    }

    [Fact]
    public void Raw_refuses_options_of_the_other_stages()
    {
        using var folder = new TempDir();
        TestWav.Write(folder.File("in.wav"), 48000, 1, 16, isFloat: false, frames: 100);
        AssertUsageError(folder, [folder.File("in.wav"), folder.File("out.wav"), "--raw", "--mix", "0.5"], ["in.wav"], "--mix", "--raw");
    }

    [Fact]
    public void A_missing_output_folder_is_named()
    {
        using var folder = new TempDir();
        TestWav.Write(folder.File("in.wav"), 48000, 1, 16, isFloat: false, frames: 100);
        AssertUsageError(folder, [folder.File("in.wav"), Path.Combine(folder.Path, "missing", "out.wav")], ["in.wav"], "does not exist");
    }

    [Fact]
    public void Writing_over_the_input_is_refused()
    {
        using var folder = new TempDir();
        TestWav.Write(folder.File("in.wav"), 48000, 1, 16, isFloat: false, frames: 100);
        AssertUsageError(folder, [folder.File("in.wav"), folder.File("in.wav")], ["in.wav"], "must not be the input");
    }

    [Fact]
    public void A_failed_render_leaves_an_existing_output_untouched()
    {
        using var folder = new TempDir();
        File.WriteAllText(folder.File("out.wav"), "previous render");
        File.WriteAllText(folder.File("bad.wav"), "RIFF but not really");
        AssertUsageError(folder, [folder.File("bad.wav"), folder.File("out.wav")], ["bad.wav", "out.wav"], "bad.wav");
        Assert.Equal("previous render", File.ReadAllText(folder.File("out.wav")));
    }
}
