namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>A level meter of <c>monitor</c> over its last 50 ms window.</summary>
public sealed record MeterStatus
{
    /// <summary>The peak in dBFS (-120 for silence).</summary>
    public double PeakDbfs { get; init; }

    /// <summary>The RMS level in dBFS.</summary>
    public double RmsDbfs { get; init; }

    /// <summary>Samples at or over full scale since the stream started.</summary>
    public long Clips { get; init; }

    /// <summary>Windows measured since the stream started.</summary>
    public long Windows { get; init; }
}
