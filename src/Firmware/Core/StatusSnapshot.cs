namespace GruPedalPi.Firmware.Core;

/// <summary>The service's real-time statistics at one moment, as reported by <c>gru-pedal status</c>. A value (a
/// struct): building one for a <c>status</c> request allocates nothing.</summary>
public readonly record struct StatusSnapshot
{
    /// <summary>An empty snapshot: stopped, nothing counted.</summary>
    public StatusSnapshot()
    {
    }

    /// <summary>Audio state: playing, starting, fault (with <see cref="Fault"/>), stopped, or simulated.</summary>
    public AudioState State { get; init; } = AudioState.Stopped;
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
    /// <summary>The host API ("JACK Audio Connection Kit", "ALSA", "paced file backend").</summary>
    public string HostApi { get; init; } = "";
    /// <summary>The stream's input latency in milliseconds, as PortAudio reports it.</summary>
    public double InputLatencyMs { get; init; }
    /// <summary>The stream's output latency in milliseconds, as PortAudio reports it.</summary>
    public double OutputLatencyMs { get; init; }
    /// <summary>Late callbacks after warm-up that started after their deadline (the device or scheduler was late).</summary>
    public long LateStarts { get; init; }
    /// <summary>Mean callback time in microseconds after warm-up.</summary>
    public double CallbackMeanUs { get; init; }
    /// <summary>Callbacks counted as start-up (kept out of the percentiles and late counts).</summary>
    public long WarmupCallbacks { get; init; }
    /// <summary>Callbacks after warm-up.</summary>
    public long SteadyCallbacks { get; init; }
    /// <summary>Xruns during warm-up (included in <see cref="Xruns"/>).</summary>
    public long StartupXruns { get; init; }
    /// <summary>Late callbacks during warm-up.</summary>
    public long StartupLateCallbacks { get; init; }
    /// <summary>Longest callback during warm-up, in microseconds.</summary>
    public double StartupMaxUs { get; init; }
    /// <summary>Garbage collections since the end of warm-up.</summary>
    public long SteadyGarbageCollections { get; init; }
    /// <summary>Bytes allocated by the whole process since the end of warm-up.</summary>
    public long SteadyBytesAllocated { get; init; }
    /// <summary>Whether the byte counts are exact (<c>status</c>, the end of a run), or counted in steps of an
    /// allocation context, about 8 KB, as of the supervisor's last tick (the live view): exact counting pauses every
    /// managed thread for a moment, so frequent readers do without.</summary>
    public bool AllocationsExact { get; init; }
    /// <summary>Seconds since the end of warm-up (the steady window the steady counters cover), 0 before it.</summary>
    public double SteadySeconds { get; init; }
    /// <summary>Bytes allocated per hour of steady state (<see cref="SteadyBytesAllocated"/> over <see cref="SteadySeconds"/>),
    /// 0 before the steady window; 0 is the goal.</summary>
    public double SteadyBytesPerHour => SteadySeconds > 0 ? SteadyBytesAllocated * 3600.0 / SteadySeconds : 0;
    /// <summary>Seconds since the current stream started.</summary>
    public double StreamSeconds { get; init; }
    /// <summary>Milliseconds from the process's start to the first audio callback (10 ms resolution), -1 before it.</summary>
    public double FirstCallbackMs { get; init; } = -1;
    /// <summary>Streams started: 1, plus one per recovery from a lost device.</summary>
    public long DeviceStarts { get; init; }
    /// <summary>Exceptions caught around the callback (each gave a silent buffer); 0 is the only good value.</summary>
    public long CallbackFaults { get; init; }
    /// <summary>The audio thread's scheduling ("SCHED_FIFO 65").</summary>
    public string AudioThread { get; init; } = "";
    /// <summary>True when the process's memory is locked (mlockall).</summary>
    public bool MemoryLocked { get; init; }
    /// <summary>Samples the recorder dropped because its writer fell behind (0 when not recording).</summary>
    public long RecorderDroppedSamples { get; init; }
    /// <summary>Resident memory of the process itself in MB (RssAnon + RssFile), when read on Linux.</summary>
    public double ResidentMemoryMb { get; init; }
    /// <summary>Resident shared memory mapped in MB (RssShmem): under JACK, mostly the server's engine segment, shared with it.</summary>
    public double SharedMemoryMb { get; init; }
}
