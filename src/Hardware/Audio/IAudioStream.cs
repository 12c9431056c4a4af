namespace GruPedalPi.Hardware.Audio;

/// <summary>An open full-duplex stream that calls an <see cref="IAudioCallback"/> (a PortAudio stream or a paced fake).</summary>
public interface IAudioStream : IDisposable
{
    /// <summary>The device's name.</summary>
    string DeviceName { get; }

    /// <summary>The host API ("ALSA", "JACK Audio Connection Kit", "paced").</summary>
    string HostApi { get; }

    /// <summary>The stream's sample rate in Hz.</summary>
    double SampleRateHz { get; }

    /// <summary>Frames per callback.</summary>
    int FramesPerBuffer { get; }

    /// <summary>Input channels opened.</summary>
    int InputChannels { get; }

    /// <summary>Output channels opened.</summary>
    int OutputChannels { get; }

    /// <summary>Input latency reported by the stream, in seconds.</summary>
    double InputLatencyS { get; }

    /// <summary>Output latency reported by the stream, in seconds.</summary>
    double OutputLatencyS { get; }

    /// <summary>True while the stream runs (false after <see cref="Stop"/>, or when the device went away).</summary>
    bool IsActive { get; }

    /// <summary>Exceptions caught around the callback (each one produced a silent buffer).</summary>
    long CallbackFaults { get; }

    /// <summary>Starts calling the callback.</summary>
    void Start();

    /// <summary>Stops after the pending buffers have played.</summary>
    void Stop();
}
