namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The <c>audio</c> object of <c>monitor</c>.</summary>
public sealed record MonitorAudio
{
    /// <summary>The stream's rate in Hz.</summary>
    public double SampleRateHz { get; init; }

    /// <summary>Frames per callback.</summary>
    public int FramesPerBuffer { get; init; }

    /// <summary>Callbacks since the stream started.</summary>
    public long Callbacks { get; init; }

    /// <summary>Callbacks flagged as under- or overrun.</summary>
    public long Xruns { get; init; }

    /// <summary>Callbacks that started more than a period late.</summary>
    public long LateCallbacks { get; init; }

    /// <summary>Mean callback duration over the period.</summary>
    public double DspLoad { get; init; }

    /// <summary>99.9th percentile callback duration in microseconds.</summary>
    public double CallbackP999Us { get; init; }

    /// <summary>Bytes allocated since the end of warm-up, approximate (steps of about 8 KB): docs/allocation.md.</summary>
    public long SteadyBytesAllocated { get; init; }
}
