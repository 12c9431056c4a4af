using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Tests.Engine;

public sealed class AudioEngineTests
{
    private static float[] Guitar(int n, int seed = 5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(i => (float)(0.6 * Math.Sin(2 * Math.PI * 110 * i / 48000.0) * Math.Exp(-i / 20000.0)
            + 0.05 * (random.NextDouble() - 0.5))).ToArray();
    }

    private static (AudioEngine Engine, ParameterQueue Queue) Make(EngineRouting routing, ChainOptions? options = null)
    {
        var queue = new ParameterQueue(64);
        var engine = new AudioEngine(new PedalChain(options ?? new ChainOptions { Channels = routing.Stereo ? 2 : 1 }), queue, routing);
        engine.Prepare(48000, 4096);
        return (engine, queue);
    }

    private static void Run(AudioEngine engine, float[] interleavedInput, float[] interleavedOutput, int inChannels, int outChannels, int frames)
    {
        int total = interleavedInput.Length / inChannels;
        for (int f = 0; f < total; f += frames)
        {
            var block = new AudioBlock(interleavedInput.AsSpan(f * inChannels, frames * inChannels),
                interleavedOutput.AsSpan(f * outChannels, frames * outChannels), frames, inChannels, outChannels, AudioStatusFlags.None, 0, 0);
            engine.Process(in block);
        }
    }

    [Fact]
    public void The_guitar_channel_goes_through_the_chain_to_every_configured_output_exactly_as_an_offline_chain()
    {
        var routing = new EngineRouting { InputChannel = 1, OutputChannels = [0, 1] };
        var (engine, _) = Make(routing);
        var control = new GruPedalPi.Firmware.Service.PedalControl(new ParameterQueue(4), FactoryPresets.All[1].Settings);
        engine.Warm(64, 0);
        engine.Arm(control);

        var guitar = Guitar(64 * 50);
        var input = new float[guitar.Length * 2];
        for (int i = 0; i < guitar.Length; i++)
        {
            input[2 * i] = 0.9f;          // channel 0: something else, must be ignored
            input[2 * i + 1] = guitar[i]; // channel 1: the guitar
        }

        var output = new float[guitar.Length * 2];
        Run(engine, input, output, 2, 2, 64);

        var offline = new PedalChain(new ChainOptions());
        offline.Prepare(48000, 1000);
        offline.SetAll(FactoryPresets.All[1].Settings, immediate: true);
        var expected = (float[])guitar.Clone();
        for (int i = 0; i < expected.Length; i += 1000)
        {
            offline.Process(expected.AsSpan(i, Math.Min(1000, expected.Length - i)));
        }

        for (int i = 0; i < guitar.Length; i++)
        {
            Assert.Equal(expected[i], output[2 * i]);
            Assert.Equal(expected[i], output[2 * i + 1]);
        }
    }

    [Fact]
    public void In_stereo_the_two_inputs_after_the_input_channel_go_through_two_chains_to_the_outputs_in_order()
    {
        // Device channels: 0 something else, 1 left guitar, 2 right (another signal); outputs 0 = left, 1 = right.
        var routing = new EngineRouting { InputChannel = 1, OutputChannels = [0, 1], Stereo = true };
        var (engine, _) = Make(routing);
        var control = new GruPedalPi.Firmware.Service.PedalControl(new ParameterQueue(4), FactoryPresets.All[1].Settings);
        engine.Warm(64, 0);
        engine.Arm(control);

        var guitar = Guitar(64 * 50);
        var other = Guitar(64 * 50, seed: 9).Select((v, i) => 0.5f * v * MathF.Cos(i * 0.001f)).ToArray();
        var input = new float[guitar.Length * 3];
        for (int i = 0; i < guitar.Length; i++)
        {
            input[3 * i] = 0.9f;
            input[3 * i + 1] = guitar[i];
            input[3 * i + 2] = other[i];
        }

        var output = new float[guitar.Length * 2];
        Run(engine, input, output, 3, 2, 64);

        var offline = new PedalChain(new ChainOptions { Channels = 2 });
        offline.Prepare(48000, 1000);
        offline.SetAll(FactoryPresets.All[1].Settings, immediate: true);
        var left = (float[])guitar.Clone();
        var right = (float[])other.Clone();
        for (int i = 0; i < left.Length; i += 1000)
        {
            int n = Math.Min(1000, left.Length - i);
            offline.Process(left.AsSpan(i, n), right.AsSpan(i, n));
        }

        for (int i = 0; i < guitar.Length; i++)
        {
            Assert.Equal(left[i], output[2 * i]);
            Assert.Equal(right[i], output[2 * i + 1]);
        }

        Assert.True(right.Max(MathF.Abs) > 0.05f, "the right channel carries sound");
        Assert.NotEqual(left, right);
    }

    [Fact]
    public void Outputs_not_in_the_routing_stay_silent()
    {
        var (engine, _) = Make(new EngineRouting { OutputChannels = [2] });
        var control = new GruPedalPi.Firmware.Service.PedalControl(new ParameterQueue(4), PedalSettings.Defaults);
        engine.Arm(control);
        var input = Guitar(256);
        var output = new float[256 * 3];
        Run(engine, input, output, 1, 3, 64);
        Assert.All(Enumerable.Range(0, 256), i => Assert.Equal(0f, output[3 * i]));
        Assert.All(Enumerable.Range(0, 256), i => Assert.Equal(0f, output[3 * i + 1]));
        Assert.Contains(Enumerable.Range(0, 256), i => output[3 * i + 2] != 0f);
    }

    [Fact]
    public void Queued_changes_reach_the_chain_at_the_next_callback()
    {
        var (engine, queue) = Make(new EngineRouting());
        var control = new GruPedalPi.Firmware.Service.PedalControl(queue, PedalSettings.Defaults);
        engine.Arm(control);
        control.SetParameter(ParameterId.Wh, 3.5f, Core.ControlSource.Knob);
        control.SetBypass(true, Core.ControlSource.Footswitch);
        Run(engine, new float[64], new float[128], 1, 2, 64);
        Assert.Equal(3.5f, engine.Chain.Target[ParameterId.Wh]);
        Assert.True(engine.Chain.Bypassed);
        Assert.Equal(2, engine.CommandsApplied);
    }

    [Fact]
    public void A_fade_out_reaches_silence_and_stays_there()
    {
        var (engine, _) = Make(new EngineRouting { OutputChannels = [0] });
        engine.Arm(new GruPedalPi.Firmware.Service.PedalControl(new ParameterQueue(4), PedalSettings.Defaults));
        var input = Enumerable.Repeat(0.5f, 48000).ToArray();
        var output = new float[48000];
        engine.RequestFadeOut(10); // 480 samples
        Run(engine, input, output, 1, 1, 64);
        Assert.True(engine.FadedOut);
        Assert.All(output.Skip(512), v => Assert.Equal(0f, v));
        Assert.NotEqual(0f, output[0]);
    }

    [Fact]
    public void The_recorder_ring_receives_what_the_outputs_play()
    {
        var (engine, _) = Make(new EngineRouting { OutputChannels = [0] });
        var ring = new RecorderRing(8192);
        engine.SetRecorder(ring);
        engine.Arm(new GruPedalPi.Firmware.Service.PedalControl(new ParameterQueue(4), PedalSettings.Defaults));
        var input = Guitar(640);
        var output = new float[640];
        Run(engine, input, output, 1, 1, 64);
        var recorded = new float[1000];
        int n = ring.Read(recorded);
        Assert.Equal(640, n);
        Assert.Equal(output, recorded.Take(640));
    }
}
