namespace GruPedalPi.Hardware.Controls;

/// <summary>
/// Turns a stream of raw knob readings (one per scan) into a stable position 0..1: a median of three (rejects
/// single-reading spikes), a one-pole smoother, a dead band (hysteresis) that jumps to the smoothed reading when
/// left, and end zones that snap to exactly 0 and 1. Monotonic: a monotonic sweep gives a monotonic position.
/// Pure, allocation-free, no hardware.
/// </summary>
public sealed class KnobFilter
{
    /// <summary>Full scale of the internal scale (10-bit ADC steps).</summary>
    public const double FullScale = 1023;

    private readonly double _alpha;
    private readonly double _hysteresis;
    private readonly double _zone;
    private double _s0, _s1, _s2;
    private double _smoothed;
    private double _held;
    private bool _initialised;

    /// <summary>Creates a filter.</summary>
    public KnobFilter(KnobFilterSettings settings)
    {
        if (!(settings.ScanIntervalMs > 0) || !(settings.SmoothingMs >= 0) || !(settings.HysteresisLsb >= 0)
            || !(settings.EndZonePercent >= 0) || settings.EndZonePercent >= 25)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings, "invalid knob filter settings");
        }

        _alpha = settings.SmoothingMs == 0 ? 1 : 1 - Math.Exp(-settings.ScanIntervalMs / settings.SmoothingMs);
        _hysteresis = settings.HysteresisLsb;
        _zone = FullScale * settings.EndZonePercent / 100;
    }

    /// <summary>The current position, 0 (fully counter-clockwise) .. 1 (fully clockwise).</summary>
    public double Position { get; private set; }

    /// <summary>The held reading on the 0..1023 scale (before the end zones).</summary>
    public double Held => _held;

    /// <summary>Starts (or restarts) the filter at a reading, without reporting a change.</summary>
    /// <param name="reading">Reading on the 0..1023 scale.</param>
    public void Reset(double reading)
    {
        _s0 = _s1 = _s2 = reading;
        _smoothed = reading;
        _held = reading;
        Position = ToPosition(reading);
        _initialised = true;
    }

    /// <summary>Feeds one reading; true when <see cref="Position"/> changed.</summary>
    /// <param name="reading">Reading on the 0..1023 scale.</param>
    public bool Update(double reading)
    {
        if (!_initialised)
        {
            Reset(reading);
            return false;
        }

        _s0 = _s1;
        _s1 = _s2;
        _s2 = reading;
        var median = Math.Max(Math.Min(_s0, _s1), Math.Min(Math.Max(_s0, _s1), _s2));
        _smoothed += _alpha * (median - _smoothed);

        if (Math.Abs(_smoothed - _held) <= _hysteresis)
        {
            return false;
        }

        _held = _smoothed;
        var position = ToPosition(_held);
        if (position == Position)
        {
            return false;
        }

        Position = position;
        return true;
    }

    private double ToPosition(double reading)
    {
        var p = (reading - _zone) / (FullScale - 2 * _zone);
        return p <= 0 ? 0 : p >= 1 ? 1 : p;
    }
}
