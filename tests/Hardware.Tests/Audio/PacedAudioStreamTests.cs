using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Hardware.Tests.Audio;

public sealed class PacedAudioStreamTests
{
    [Fact]
    public void The_paced_stream_calls_the_callback_with_its_frames_and_channels_until_stopped()
    {
        var callback = new CountingCallback(signalAfter: 20);
        using var stream = new PacedAudioStream(callback, 48000, 256, 1, 2);
        stream.Start();
        Assert.True(callback.Reached.Wait(TimeSpan.FromSeconds(20)));
        stream.Stop();
        long stopped = callback.Count;
        Assert.False(stream.IsActive);
        Assert.Equal(256, callback.LastFrames);
        Assert.Equal(512, callback.LastOutputLength);
        Assert.Equal(stopped, callback.Count);
    }
}
