namespace GruPedalPi.Firmware.LiveView;

/// <summary>
/// What a meter shows between frames, as on a mixing desk: the RMS smoothed over 300 ms, the peak held for 1.5 s and
/// then falling at 20 dB/s, and a clip marker lit for a second after the service counted a clipped sample. Time comes
/// from the caller (seconds on any monotonic clock), so the tests step it.
/// </summary>
public sealed class MeterBallistics
{
    /// <summary>The RMS's smoothing time constant, 0.3 s (a VU meter's integration time).</summary>
    public const double RmsTimeConstantS = 0.3;

    /// <summary>How long a peak stays held, 1.5 s.</summary>
    public const double PeakHoldS = 1.5;

    /// <summary>How fast a held peak falls after the hold, 20 dB/s.</summary>
    public const double PeakFallDbPerS = 20;

    /// <summary>How long the clip marker stays lit after a clip, 1 s.</summary>
    public const double ClipHoldS = 1.0;

    private double _lastS = double.NaN;
    private double _heldAtS;
    private double _clipAtS = double.NegativeInfinity;
    private long _clips = -1;

    /// <summary>The smoothed RMS, dBFS (-120 for silence).</summary>
    public double RmsDbfs { get; private set; } = -120;

    /// <summary>The last frame's peak, dBFS.</summary>
    public double PeakDbfs { get; private set; } = -120;

    /// <summary>The held peak, dBFS.</summary>
    public double HeldPeakDbfs { get; private set; } = -120;

    /// <summary>True while the clip marker is lit.</summary>
    public bool Clipping { get; private set; }

    /// <summary>Takes the next frame's meter at <paramref name="nowS"/> seconds.</summary>
    public void Update(MeterFrame meter, double nowS)
    {
        double dt = double.IsNaN(_lastS) ? double.PositiveInfinity : Math.Max(0, nowS - _lastS);
        _lastS = nowS;
        double k = double.IsPositiveInfinity(dt) ? 1 : 1 - Math.Exp(-dt / RmsTimeConstantS);
        RmsDbfs += k * (meter.RmsDbfs - RmsDbfs);
        PeakDbfs = meter.PeakDbfs;
        if (meter.PeakDbfs >= HeldPeakDbfs)
        {
            HeldPeakDbfs = meter.PeakDbfs;
            _heldAtS = nowS;
        }
        else if (nowS - _heldAtS > PeakHoldS)
        {
            HeldPeakDbfs = Math.Max(meter.PeakDbfs, HeldPeakDbfs - (PeakFallDbPerS * (double.IsPositiveInfinity(dt) ? 0 : dt)));
        }

        if (_clips >= 0 && meter.Clips > _clips)
        {
            _clipAtS = nowS;
        }

        _clips = meter.Clips;
        Clipping = nowS - _clipAtS < ClipHoldS;
    }
}
