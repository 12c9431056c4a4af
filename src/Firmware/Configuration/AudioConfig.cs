namespace GruPedalPi.Firmware.Configuration;

/// <summary>Audio settings of the service (<c>"audio"</c>).</summary>
public sealed class AudioConfig
{
    /// <summary>PortAudio device name (or a unique part of it); "" for the default device.</summary>
    public string Device { get; set; } = "";

    /// <summary>Sample rate: 44100, 48000 or 96000 Hz.</summary>
    public int SampleRateHz { get; set; } = 48000;

    /// <summary>Frames per callback, 16..4096.</summary>
    public int FramesPerBuffer { get; set; } = 64;

    /// <summary>Input channel of the guitar, 0..31.</summary>
    public int InputChannel { get; set; }

    /// <summary>Output channels (each 0..31, distinct, 1..8 of them); the mono signal goes to each. Default [0, 1].</summary>
    public int[] OutputChannels { get; set; } = [0, 1];

    /// <summary>Oversampling factor around the unit: 1, 2, 4 or 8.</summary>
    public int Oversampling { get; set; } = 2;

    /// <summary>Anti-aliasing quality: <c>"standard"</c>, <c>"high"</c> or <c>"low-latency"</c> (minimum-phase filters, see docs/sound.md).</summary>
    public string Quality { get; set; } = "standard";

    /// <summary>Fast tanh/sigmoid approximations (true) or exact MathF (false).</summary>
    public bool FastMath { get; set; } = true;

    /// <summary>Two independent channels (true) or mono (false).</summary>
    public bool Stereo { get; set; }

    /// <summary>
    /// Which PortAudio host API the device is looked up in: <c>"any"</c> (default), <c>"ALSA"</c> (a HAT or a USB
    /// interface, straight to the driver) or <c>"JACK"</c> (a running JACK server). Only with <c>"JACK"</c> (or
    /// <c>JACK_DEFAULT_SERVER</c> set in the environment) does libjack print why it cannot reach a server: a Pi
    /// without JACK starts with a clean log.
    /// </summary>
    public string HostApi { get; set; } = "any";

    /// <summary>
    /// The latency asked of the device for each direction, in milliseconds (1..500), or null for the device's
    /// default low latency. ALSA turns it into its buffer size: a HAT at 64 frames runs with the default; the ALSA
    /// loopback card (whose timer ticks every 4 ms at HZ=250) needs about 20.
    /// </summary>
    public double? SuggestedLatencyMs { get; set; }

    /// <summary>
    /// SCHED_FIFO priority of the audio thread, 1..99 (default 70: above the kernel's threaded interrupt handlers
    /// at 50). Applied to the thread whoever created it (PortAudio's ALSA host makes it FIFO 1); under JACK the
    /// server sets its clients' priority below its own and the pedal keeps that.
    /// </summary>
    public int RealtimePriority { get; set; } = 70;
}
