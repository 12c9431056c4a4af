namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The <c>status</c> object of <c>status</c>: the audio stream and its real-time statistics.</summary>
public sealed record AudioStatus
{
    /// <summary>playing, starting, fault, stopped or simulated.</summary>
    public string State { get; init; } = "";

    /// <summary>Why the pedal does not play, or null.</summary>
    public string? Fault { get; init; }

    /// <summary>The audio device's name.</summary>
    public string Device { get; init; } = "";

    /// <summary>The stream's rate in Hz.</summary>
    public double SampleRateHz { get; init; }

    /// <summary>Frames per callback.</summary>
    public int FramesPerBuffer { get; init; }

    /// <summary>One callback's period in microseconds.</summary>
    public double PeriodUs { get; init; }

    /// <summary>Callbacks since the stream started.</summary>
    public long Callbacks { get; init; }

    /// <summary>Callbacks the device flagged as under- or overrun.</summary>
    public long Xruns { get; init; }

    /// <summary>Callbacks that started more than a period late (steady state).</summary>
    public long LateCallbacks { get; init; }

    /// <summary>Median callback duration in microseconds (steady state).</summary>
    public double CallbackP50Us { get; init; }

    /// <summary>99th percentile callback duration in microseconds.</summary>
    public double CallbackP99Us { get; init; }

    /// <summary>99.9th percentile callback duration in microseconds.</summary>
    public double CallbackP999Us { get; init; }

    /// <summary>Longest callback in microseconds.</summary>
    public double CallbackMaxUs { get; init; }

    /// <summary>Mean callback duration over the period, 0..1 and more when late.</summary>
    public double DspLoad { get; init; }

    /// <summary>Collections since the stream started.</summary>
    public long GarbageCollections { get; init; }

    /// <summary>Bytes the process allocated since the stream started (counted exactly).</summary>
    public long BytesAllocated { get; init; }

    /// <summary>Collections since the end of warm-up.</summary>
    public long SteadyGarbageCollections { get; init; }

    /// <summary>Bytes allocated since the end of warm-up (counted exactly); 0 is the goal.</summary>
    public long SteadyBytesAllocated { get; init; }

    /// <summary>Seconds since the end of warm-up.</summary>
    public double SteadySeconds { get; init; }

    /// <summary>Seconds since the service started.</summary>
    public double UptimeSeconds { get; init; }
}
