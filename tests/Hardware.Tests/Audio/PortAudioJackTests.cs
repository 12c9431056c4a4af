using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Hardware.Tests.Audio;

[Collection(JackCollection.Name)]
public sealed class PortAudioJackTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20); // a busy 2-core machine can be slow to schedule

    private readonly JackServerFixture _jack;

    public PortAudioJackTests(JackServerFixture jack) => _jack = jack;

    [Fact]
    public void PortAudio_lists_the_JACK_servers_system_device_with_two_inputs_two_outputs_at_48_kHz()
    {
        using var host = new PortAudioHost();
        var system = host.FindDevice("system", 2, 2);
        Assert.Equal("JACK Audio Connection Kit", system.HostApi);
        Assert.Equal(2, system.MaxInputChannels);
        Assert.Equal(2, system.MaxOutputChannels);
        Assert.Equal(48000, system.DefaultSampleRateHz);
        Assert.Contains("JACK Audio Connection Kit", host.HostApis);
        Assert.StartsWith("PortAudio V19", host.VersionText);
    }

    [Fact]
    public void A_full_duplex_stream_calls_back_with_the_requested_frames_and_channels_until_stopped()
    {
        using var host = new PortAudioHost();
        var callback = new CountingCallback(signalAfter: 200);
        using var stream = host.OpenStream(new AudioStreamRequest
        {
            DeviceName = "system", SampleRateHz = 48000, FramesPerBuffer = 64, InputChannels = 1, OutputChannels = 2,
        }, callback);
        Assert.Equal(48000, stream.SampleRateHz);
        Assert.True(stream.OutputLatencyS > 0, "JACK reports its output latency");

        stream.Start();
        Assert.True(callback.Reached.Wait(Patience), "200 callbacks arrive");
        Assert.True(stream.IsActive);
        stream.Stop();
        long afterStop = callback.Count;

        Assert.False(stream.IsActive);
        Assert.Equal(64, callback.LastFrames);
        Assert.Equal(1, callback.LastInputChannels);
        Assert.Equal(2, callback.LastOutputChannels);
        Assert.Equal(128, callback.LastOutputLength);
        Assert.Equal(0, stream.CallbackFaults);
        Assert.Equal(afterStop, callback.Count); // Stop waits for the callback thread: no call after it returns
    }

    [Fact]
    public void An_exception_in_the_callback_is_caught_and_counted_and_the_stream_keeps_running()
    {
        using var host = new PortAudioHost();
        var callback = new CountingCallback(signalAfter: 50) { Throw = true };
        using var stream = host.OpenStream(new AudioStreamRequest { DeviceName = "system", FramesPerBuffer = 64 }, callback);
        stream.Start();
        Assert.True(callback.Reached.Wait(Patience));
        stream.Stop();
        Assert.True(stream.CallbackFaults >= 50, $"every throwing callback is counted ({stream.CallbackFaults})");
    }

    [Fact]
    public void A_missing_device_gives_a_message_that_names_it_and_lists_what_exists()
    {
        using var host = new PortAudioHost();
        var e = Assert.Throws<PortAudioException>(() => host.FindDevice("HiFiBerry DAC+ADC", 1, 2));
        Assert.Contains("\"HiFiBerry DAC+ADC\" not found", e.Message);
        Assert.Contains("\"system\"", e.Message);
    }

    [Fact]
    public void A_rate_the_JACK_server_does_not_run_at_is_refused_with_the_device_and_rate_in_the_message()
    {
        using var host = new PortAudioHost();
        var e = Assert.Throws<PortAudioException>(() =>
            host.OpenStream(new AudioStreamRequest { DeviceName = "system", SampleRateHz = 96000 }, new CountingCallback(1)));
        Assert.Contains("\"system\"", e.Message);
        Assert.Contains("96000", e.Message);
    }
}
