namespace GruPedalPi.Firmware.Core;

/// <summary>The service's real-time statistics at one moment, as reported by <c>gru-pedal status</c>.</summary>
public sealed record StatusSnapshot
{
    /// <summary>Audio state: "playing", "fault" (with <see cref="Fault"/>), "stopped".</summary>
    public string State { get; init; } = "stopped";
    /// <summary>The fault's description, or null.</summary>
    public string? Fault { get; init; }
    /// <summary>The audio device's name.</summary>
    public string Device { get; init; } = "";
    /// <summary>Sample rate in Hz.</summary>
    public double SampleRateHz { get; init; }
    /// <summary>Frames per callback.</summary>
    public int FramesPerBuffer { get; init; }
    /// <summary>The callback period in microseconds.</summary>
    public double PeriodUs { get; init; }
    /// <summary>Callbacks since the stream started.</summary>
    public long Callbacks { get; init; }
    /// <summary>Xruns reported by the stream's status flags (input and output under/overflows).</summary>
    public long Xruns { get; init; }
    /// <summary>Callbacks that started or ended after their deadline, after warm-up.</summary>
    public long LateCallbacks { get; init; }
    /// <summary>Callback processing time percentiles in microseconds (after warm-up).</summary>
    public double CallbackP50Us { get; init; }
    /// <summary>99th percentile of the callback time in microseconds.</summary>
    public double CallbackP99Us { get; init; }
    /// <summary>99.9th percentile of the callback time in microseconds.</summary>
    public double CallbackP999Us { get; init; }
    /// <summary>Maximum callback time in microseconds.</summary>
    public double CallbackMaxUs { get; init; }
    /// <summary>Mean callback time as a share of the period, 0..1.</summary>
    public double DspLoad { get; init; }
    /// <summary>Garbage collections (all generations) since the stream started.</summary>
    public long GarbageCollections { get; init; }
    /// <summary>Bytes allocated by the whole process since the stream started.</summary>
    public long BytesAllocated { get; init; }
    /// <summary>Seconds since the service started.</summary>
    public double UptimeSeconds { get; init; }
    /// <summary>True while bypassed.</summary>
    public bool Bypassed { get; init; }
    /// <summary>The current preset's name, or null.</summary>
    public string? Preset { get; init; }
}
