using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Cli;
using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Offline;

public sealed class RenderRoundTripTests
{
    public static TheoryData<int, int, int, bool> Formats() => new()
    {
        // rate, channels, bits, float
        { 44100, 1, 16, false },
        { 44100, 2, 16, false },
        { 48000, 1, 24, false },
        { 48000, 2, 24, false },
        { 88200, 1, 32, false },
        { 96000, 2, 32, false },
        { 176400, 1, 32, true },
        { 192000, 2, 32, true },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Raw_render_decodes_every_format_and_writes_float_at_the_input_rate_and_channel_count(int rate, int channels, int bits, bool isFloat)
    {
        using var folder = new TempDir();
        int frames = 3000;
        var decoded = TestWav.Write(folder.File("in.wav"), rate, channels, bits, isFloat, frames);

        var (exit, _, error) = CommandRunner.Run(RenderCommand.Create(), folder.File("in.wav"), folder.File("out.wav"), "--raw", "--drive", "2.5", "-q");

        Assert.True(exit == 0, error);
        var (format, output) = TestWav.ReadFloat(folder.File("out.wav"));
        Assert.Equal(rate, format.SampleRate);
        Assert.Equal(channels, format.Channels);
        var settings = PedalSettings.Defaults;
        settings[ParameterId.Wh] = 2.5f;
        for (int c = 0; c < channels; c++)
        {
            // Each channel through its own unit from rest: exactly the decoded input through the unit (bit for bit,
            // so the decoding of every format and the channel routing are exact).
            var expected = (float[])decoded[c].Clone();
            new RawUnit(settings).Process(expected);
            Assert.Equal(frames, output[c].Length);
            Assert.Equal(expected, output[c]);
        }
    }

    [Fact]
    public void A_wave_format_extensible_24_bit_file_is_read_like_a_plain_one()
    {
        using var folder = new TempDir();
        var decoded = TestWav.Write(folder.File("in.wav"), 48000, 2, 24, isFloat: false, frames: 1000, extensible: true);

        var (exit, _, error) = CommandRunner.Run(RenderCommand.Create(), folder.File("in.wav"), folder.File("out.wav"), "--raw", "-q");

        Assert.True(exit == 0, error);
        var (_, output) = TestWav.ReadFloat(folder.File("out.wav"));
        var expected = (float[])decoded[1].Clone();
        new RawUnit(PedalSettings.Defaults).Process(expected);
        Assert.Equal(expected, output[1]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(8, 2)]
    public void Chain_render_keeps_the_input_length_and_stays_finite(int oversample, int channels)
    {
        using var folder = new TempDir();
        // A length that is not a multiple of the block size, to exercise the last partial block and the tail flush.
        int frames = (3 * OfflineRenderer.BlockSize) + 77;
        TestWav.Write(folder.File("in.wav"), 48000, channels, 16, isFloat: false, frames);

        var (exit, output, error) = CommandRunner.Run(RenderCommand.Create(), folder.File("in.wav"), folder.File("out.wav"),
            "--oversample", oversample.ToString(System.Globalization.CultureInfo.InvariantCulture), "--preset", "tube grit");

        Assert.True(exit == 0, error);
        Assert.Contains("compensated", output);
        var (format, audio) = TestWav.ReadFloat(folder.File("out.wav"));
        Assert.Equal(channels, format.Channels);
        Assert.All(audio, ch => Assert.Equal(frames, ch.Length));
        Assert.All(audio, ch => Assert.All(ch, s => Assert.True(float.IsFinite(s))));
        Assert.Equal(["in.wav", "out.wav"], folder.FileNames());
    }

    [Fact]
    public void In_memory_render_matches_the_file_render()
    {
        using var folder = new TempDir();
        var decoded = TestWav.Write(folder.File("in.wav"), 48000, 1, 32, isFloat: true, frames: 5000);
        var job = new RenderJob(FactoryPresets.Find("Hot Drive")!.Settings, new ChainOptions());

        OfflineRenderer.RenderFile(folder.File("in.wav"), folder.File("out.wav"), job);
        var inMemory = OfflineRenderer.Render(decoded, 48000, job, out var report);

        var (_, fromFile) = TestWav.ReadFloat(folder.File("out.wav"));
        Assert.Equal(inMemory[0], fromFile[0]);
        Assert.Equal(5000, report.Frames);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 2)]
    [InlineData(8, 1)]
    public void With_the_mix_at_zero_the_compensated_render_gives_back_the_input_sample_for_sample(int oversample, int channels)
    {
        using var folder = new TempDir();
        var decoded = TestWav.Write(folder.File("in.wav"), 96000, channels, 32, isFloat: true, frames: 4000);

        var (exit, _, error) = CommandRunner.Run(RenderCommand.Create(), folder.File("in.wav"), folder.File("out.wav"),
            "--mix", "0", "--oversample", oversample.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q");

        Assert.True(exit == 0, error);
        var (_, output) = TestWav.ReadFloat(folder.File("out.wav"));
        // The dry path is delayed by the chain's latency to stay aligned with the wet one; trimming that latency
        // (and flushing the tail) must give the input back exactly, at the same length: no shift, no lost sample.
        for (int c = 0; c < channels; c++)
        {
            Assert.Equal(decoded[c], output[c]);
        }
    }

    [Fact]
    public void Keep_latency_delays_the_output_by_the_chains_latency()
    {
        using var folder = new TempDir();
        var decoded = TestWav.Write(folder.File("in.wav"), 48000, 1, 32, isFloat: true, frames: 4000);
        var chain = new PedalChain(new ChainOptions());
        chain.Prepare(48000, OfflineRenderer.BlockSize);
        int latency = chain.LatencySamples;
        Assert.True(latency > 0, "the default chain (2x oversampling) has filter latency");

        var (exit, _, error) = CommandRunner.Run(RenderCommand.Create(), folder.File("in.wav"), folder.File("out.wav"),
            "--mix", "0", "--keep-latency", "-q");

        Assert.True(exit == 0, error);
        var (_, output) = TestWav.ReadFloat(folder.File("out.wav"));
        Assert.Equal(4000, output[0].Length);
        Assert.All(output[0][..latency], s => Assert.Equal(0f, s));
        Assert.Equal(decoded[0][..(4000 - latency)], output[0][latency..]);
    }
}
