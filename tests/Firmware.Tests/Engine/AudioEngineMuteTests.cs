using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Service;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Tests.Engine;

/// <summary>The engine's parts for the tuner and the live view: the mute's fade, the input tap and the meters.</summary>
public sealed class AudioEngineMuteTests
{
    private const int Frames = 64;

    private static AudioEngine Armed()
    {
        var engine = new AudioEngine(new PedalChain(new ChainOptions()), new ParameterQueue(64), new EngineRouting());
        engine.Prepare(48000, 4096);
        engine.Warm(Frames, 0, warmupBuffers: 300);
        engine.Arm(new PedalControl(new ParameterQueue(4), PedalSettings.Defaults));
        return engine;
    }

    private static float[] Play(AudioEngine engine, Func<int, float> input, int blocks, Action<int>? beforeBlock = null)
    {
        var output = new float[blocks * Frames];
        var inBlock = new float[Frames];
        for (int b = 0; b < blocks; b++)
        {
            beforeBlock?.Invoke(b);
            for (int i = 0; i < Frames; i++)
            {
                inBlock[i] = input(b * Frames + i);
            }

            var block = new AudioBlock(inBlock, output.AsSpan(b * Frames, Frames), Frames, 1, 1, AudioStatusFlags.None, 0, 0);
            engine.Process(in block);
        }

        return output;
    }

    private static float Sine(int n) => 0.5f * MathF.Sin(2 * MathF.PI * 220 * n / 48000f);

    [Fact]
    public void Muting_fades_the_output_to_silence_in_10_ms_without_a_step_and_unmuting_fades_it_back()
    {
        var engine = Armed();
        const int MuteAt = 100, UnmuteAt = 200;
        var output = Play(engine, Sine, 300, b =>
        {
            if (b == MuteAt)
            {
                engine.SetMuted(true);
            }
            else if (b == UnmuteAt)
            {
                engine.SetMuted(false);
            }
        });

        int fade = (int)(AudioEngine.MuteFadeMs * 48);
        // Silent from one fade after the mute to the unmute.
        Assert.All(output.AsSpan((MuteAt * Frames) + fade, ((UnmuteAt - MuteAt) * Frames) - fade).ToArray(), s => Assert.Equal(0f, s));
        // No click: the fade never moves the output by more than the playing sound itself does from one sample to the
        // next (the distorted 220 Hz sine's largest step, measured on the unmuted part before the mute).
        float largestStep = 0;
        for (int i = 1; i < MuteAt * Frames; i++)
        {
            largestStep = MathF.Max(largestStep, MathF.Abs(output[i] - output[i - 1]));
        }

        for (int i = 1; i < output.Length; i++)
        {
            Assert.True(MathF.Abs(output[i] - output[i - 1]) <= largestStep * 1.001f, $"step of {MathF.Abs(output[i] - output[i - 1])} at sample {i}");
        }

        // Back to full level one fade after the unmute: the last blocks equal a run that never muted.
        var reference = Play(Armed(), Sine, 300);
        Assert.Equal(reference.AsSpan(^(Frames * 50)).ToArray(), output.AsSpan(^(Frames * 50)).ToArray());
        Assert.False(engine.Silent);
    }

    [Fact]
    public void The_tap_copies_the_dry_input_only_while_enabled_and_the_meters_see_the_input_while_the_output_is_muted()
    {
        var engine = Armed();
        var ring = new RecorderRing(8192);
        engine.SetTap(ring);
        Play(engine, Sine, 10);
        Assert.Equal(0, ring.Available); // not enabled: nothing copied

        engine.TapEnabled = true;
        engine.SetMuted(true);
        Play(engine, Sine, 100);
        var copied = new float[8192];
        int n = ring.Read(copied);
        Assert.Equal(100 * Frames, n);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(Sine(i), copied[i]); // the dry guitar, bit for bit (each Play starts the sine again)
        }

        Assert.True(engine.Silent);
        Assert.Equal(20 * Math.Log10(0.5), engine.InputMeter.Read().PeakDbfs, 0.05); // the guitar's 0.5 peak, to the sampling of a 220 Hz peak
        Assert.Equal(MeterReading.FloorDbfs, engine.OutputMeter.Read().PeakDbfs);     // the muted output
    }
}
