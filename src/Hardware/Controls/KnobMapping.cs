namespace GruPedalPi.Hardware.Controls;

/// <summary>
/// Maps a knob position (0 = fully counter-clockwise .. 1 = fully clockwise) to a parameter value through a
/// taper, and back. Position 0 gives exactly <see cref="Min"/> and position 1 exactly <see cref="Max"/>.
/// Pure and allocation-free.
/// </summary>
public sealed class KnobMapping
{
    /// <summary>Base of the exponential tapers, chosen so that the log taper gives 15 % of the range at noon
    /// (1 / (sqrt(b) + 1) = 0.15), like an "A" potentiometer.</summary>
    public const double TaperBase = 32.11;

    private static readonly double LogBase = Math.Log(TaperBase);

    /// <summary>Creates a mapping.</summary>
    /// <param name="min">Value at fully counter-clockwise (any finite value; may exceed <paramref name="max"/> for a reversed knob).</param>
    /// <param name="max">Value at fully clockwise (any finite value, different from <paramref name="min"/>).</param>
    /// <param name="taper">The taper.</param>
    public KnobMapping(float min, float max, KnobTaper taper)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || min == max)
        {
            throw new ArgumentException($"knob range {min}..{max} must be two different finite values");
        }

        Min = min;
        Max = max;
        Taper = taper;
    }

    /// <summary>Value at fully counter-clockwise.</summary>
    public float Min { get; }

    /// <summary>Value at fully clockwise.</summary>
    public float Max { get; }

    /// <summary>The taper.</summary>
    public KnobTaper Taper { get; }

    /// <summary>The value for a position 0..1 (clamped); exact at both ends.</summary>
    public float ToValue(double position)
    {
        if (position <= 0)
        {
            return Min;
        }

        if (position >= 1)
        {
            return Max;
        }

        var shaped = Shape(position);
        var value = (float)(Min + ((double)Max - Min) * shaped);
        // Never step outside the range through rounding.
        return Min < Max ? Math.Clamp(value, Min, Max) : Math.Clamp(value, Max, Min);
    }

    /// <summary>The position 0..1 at which the knob gives <paramref name="value"/> (clamped into the range).</summary>
    public double ToPosition(float value)
    {
        var span = (double)Max - Min;
        var shaped = Math.Clamp((value - (double)Min) / span, 0, 1);
        return Unshape(shaped);
    }

    private double Shape(double p) => Taper switch
    {
        KnobTaper.Log => (Math.Exp(p * LogBase) - 1) / (TaperBase - 1),
        KnobTaper.AntiLog => 1 - (Math.Exp((1 - p) * LogBase) - 1) / (TaperBase - 1),
        _ => p,
    };

    private double Unshape(double y) => Taper switch
    {
        KnobTaper.Log => Math.Log(1 + y * (TaperBase - 1)) / LogBase,
        KnobTaper.AntiLog => 1 - Math.Log(1 + (1 - y) * (TaperBase - 1)) / LogBase,
        _ => y,
    };
}
