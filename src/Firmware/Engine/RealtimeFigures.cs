using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Engine;

/// <summary>A copy of <see cref="RealtimeStatistics"/> at one moment (a value: reading it allocates nothing). Times in microseconds.</summary>
public readonly record struct RealtimeFigures
{
    /// <summary>Callbacks since the stream started.</summary>
    public long Callbacks { get; init; }
    /// <summary>Callbacks after warm-up.</summary>
    public long SteadyCallbacks { get; init; }
    /// <summary>Callbacks counted as start-up.</summary>
    public long WarmupCallbacks { get; init; }
    /// <summary>Callbacks whose status flags reported an under- or overflow (whole stream).</summary>
    public long Xruns { get; init; }
    /// <summary>The union of the xrun flags seen.</summary>
    public AudioStatusFlags XrunFlags { get; init; }
    /// <summary>Xruns during warm-up.</summary>
    public long StartupXruns { get; init; }
    /// <summary>Late callbacks during warm-up.</summary>
    public long StartupLateCallbacks { get; init; }
    /// <summary>Longest callback during warm-up.</summary>
    public double StartupMaxUs { get; init; }
    /// <summary>Late callbacks after warm-up (started or ended after the deadline).</summary>
    public long LateCallbacks { get; init; }
    /// <summary>Of those, callbacks that started after their deadline (the device or the scheduler was late).</summary>
    public long LateStarts { get; init; }
    /// <summary>The period T.</summary>
    public double PeriodUs { get; init; }
    /// <summary>Median callback time after warm-up (upper edge of its 1 us bin).</summary>
    public double P50Us { get; init; }
    /// <summary>99th percentile.</summary>
    public double P99Us { get; init; }
    /// <summary>99.9th percentile.</summary>
    public double P999Us { get; init; }
    /// <summary>Longest callback after warm-up.</summary>
    public double MaxUs { get; init; }
    /// <summary>Mean callback time after warm-up.</summary>
    public double MeanUs { get; init; }
    /// <summary>Mean callback time over the period, 0..1.</summary>
    public double DspLoad { get; init; }
    /// <summary>Stopwatch timestamp of the first callback, 0 before it.</summary>
    public long FirstCallbackTimestamp { get; init; }
    /// <summary>Stopwatch timestamp of the first steady-state callback, 0 before it.</summary>
    public long SteadyStartTimestamp { get; init; }
    /// <summary>Stopwatch timestamp of the end of the latest callback.</summary>
    public long LastCallbackTimestamp { get; init; }
}
