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

    /// <summary>Anti-aliasing quality: <c>"standard"</c> or <c>"high"</c>.</summary>
    public string Quality { get; set; } = "standard";

    /// <summary>Fast tanh/sigmoid approximations (true) or exact MathF (false).</summary>
    public bool FastMath { get; set; } = true;

    /// <summary>Two independent channels (true) or mono (false).</summary>
    public bool Stereo { get; set; }
}
