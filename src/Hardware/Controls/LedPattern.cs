namespace GruPedalPi.Hardware.Controls;

/// <summary>
/// The LED's behaviour over time: steady on when engaged, off when bypassed; after a preset change a dark gap
/// then one blink per set-list position (1..8); a fast 10 Hz blink while a fault is set (it overrides the rest).
/// Times are microseconds on the control clock. Pure and allocation-free.
/// </summary>
public sealed class LedPattern
{
    /// <summary>Dark gap before the position blinks, so that they stand out from a steady light.</summary>
    public const long GapUs = 400_000;
    /// <summary>Length of each position blink's lit part.</summary>
    public const long BlinkOnUs = 150_000;
    /// <summary>Length of each position blink's dark part.</summary>
    public const long BlinkOffUs = 200_000;
    /// <summary>Half-period of the fault blink (10 Hz).</summary>
    public const long FaultHalfPeriodUs = 50_000;
    /// <summary>Most blinks shown for a position (positions beyond show this many).</summary>
    public const int MaxBlinks = 8;

    private long _blinkStartUs;
    private int _blinkCount;

    /// <summary>True when the effect is engaged (not bypassed).</summary>
    public bool Engaged { get; set; } = true;

    /// <summary>True while the pedal has a fault.</summary>
    public bool Fault { get; set; }

    /// <summary>Starts blinking a set-list position (1-based; clamped to 1..<see cref="MaxBlinks"/>).</summary>
    public void StartBlink(int position, long nowUs)
    {
        _blinkCount = Math.Clamp(position, 1, MaxBlinks);
        _blinkStartUs = nowUs;
    }

    /// <summary>Stops a position blink in progress.</summary>
    public void CancelBlink() => _blinkCount = 0;

    /// <summary>The LED at <paramref name="nowUs"/>: true when lit; <paramref name="mode"/> says what it shows.</summary>
    public bool Evaluate(long nowUs, out LedMode mode)
    {
        if (Fault)
        {
            mode = LedMode.Fault;
            return (nowUs / FaultHalfPeriodUs) % 2 == 0;
        }

        if (_blinkCount > 0)
        {
            var t = nowUs - _blinkStartUs;
            var total = GapUs + _blinkCount * (BlinkOnUs + BlinkOffUs);
            if (t >= 0 && t < total)
            {
                mode = LedMode.Blink;
                if (t < GapUs)
                {
                    return false;
                }

                return (t - GapUs) % (BlinkOnUs + BlinkOffUs) < BlinkOnUs;
            }

            _blinkCount = 0;
        }

        mode = Engaged ? LedMode.On : LedMode.Off;
        return Engaged;
    }
}
