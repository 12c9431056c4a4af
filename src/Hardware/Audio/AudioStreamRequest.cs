namespace GruPedalPi.Hardware.Audio;

/// <summary>What to open: a full-duplex float32 stream.</summary>
public sealed record AudioStreamRequest
{
    /// <summary>Device name: exact, or a unique case-insensitive part of it; null or "default" for the default devices.</summary>
    public string? DeviceName { get; init; }

    /// <summary>Sample rate in Hz: 44100, 48000 or 96000 (the device must support it; a JACK server fixes it).</summary>
    public double SampleRateHz { get; init; } = 48000;

    /// <summary>Frames per callback, 16..4096.</summary>
    public int FramesPerBuffer { get; init; } = 64;

    /// <summary>Input channels to open, 1..32 (the pedal's input channel must be below it).</summary>
    public int InputChannels { get; init; } = 1;

    /// <summary>Output channels to open, 1..32.</summary>
    public int OutputChannels { get; init; } = 2;

    /// <summary>Only a device of this host API ("ALSA", "JACK"), or null for any.</summary>
    public string? HostApi { get; init; }

    /// <summary>Suggested latency in seconds, or null for the device's default low latency.</summary>
    public double? SuggestedLatencyS { get; init; }
}
