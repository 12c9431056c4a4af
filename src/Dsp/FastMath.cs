using System.Runtime.CompilerServices;

namespace GruPedalPi.Dsp;

/// <summary>
/// Fast float approximations for the unit's per-sample recurrence, built for low latency (the recurrence is
/// serial, so latency, not throughput, bounds the speed): short Horner chains of
/// <see cref="MathF.FusedMultiplyAdd"/> and at most one division. Each states its valid range and maximum
/// error; <c>FastMathTests</c> holds them to it over a dense sweep. All are NaN-safe: a NaN argument gives a
/// finite result (the clamps use the native min/max, which return the bound for NaN).
/// </summary>
public static class FastMath
{
    /// <summary>|x| beyond which <see cref="Tanh"/> returns ±1 exactly enough (1 - tanh(9) = 3e-8, below float resolution).</summary>
    public const float TanhClamp = 9f;

    /// <summary>Maximum absolute error of <see cref="Tanh"/> against tanh over all floats (measured 3.2e-7; float rounding dominates).</summary>
    public const float TanhMaxAbsError = 5e-7f;

    /// <summary>Maximum absolute error of <see cref="Sigmoid"/> against 1/(1+exp(-x)) over all floats (half the tanh error plus one rounding).</summary>
    public const float SigmoidMaxAbsError = 3e-7f;

    /// <summary>Maximum relative error of <see cref="Exp2"/> over its valid range [-126, 126] (Taylor remainder 1.2e-7 plus rounding).</summary>
    public const float Exp2MaxRelError = 4e-7f;

    /// <summary>Maximum absolute error of <see cref="Log2"/> for x in [2^-8, 2^8] (series remainder 4e-8 plus rounding); beyond,
    /// add the rounding of the result itself, <see cref="Log2MaxRelError"/> times |log2(x)|.</summary>
    public const float Log2MaxAbsError = 3e-7f;

    /// <summary>Rounding of a float result of <see cref="Log2"/>: add this times |log2(x)| to <see cref="Log2MaxAbsError"/>.</summary>
    public const float Log2MaxRelError = 6e-8f;

    // Minimax-weighted rational fit of tanh(x)/x = P(x^2)/Q(x^2) on [0, 9] (Lawson-reweighted least squares,
    // fitted for this project): double-precision error 1.8e-8, float evaluation 3.2e-7.
    private const float P0 = 1f; // fitted 0.99999991; exactly 1 keeps the relative error near 0 at float rounding, costs < 1e-7 elsewhere
    private const float P1 = 0.13373261441653223f;
    private const float P2 = 0.003486657378757998f;
    private const float P3 = 2.0473065464252304e-05f;
    private const float P4 = 1.3185924851807045e-08f;
    private const float Q1 = 0.4670655833791229f;
    private const float Q2 = 0.025842266921109608f;
    private const float Q3 = 0.0003271508501980115f;
    private const float Q4 = 7.703361636356692e-07f;

    /// <summary>
    /// tanh(x) as x*P(x^2)/Q(x^2), a degree 9/8 rational with one division. Valid for every float (clamped to
    /// ±<see cref="TanhClamp"/>); maximum absolute error <see cref="TanhMaxAbsError"/> (so |result| &lt;= 1 + that error),
    /// relative error near 0 below 3e-7 (the fit's 1e-7 plus float rounding); odd. NaN gives a finite value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
    {
        // The square is clamped by one min (81 = 9^2; x*x of a NaN or a huge x gives 81 too), so the clamp of x
        // itself, needed only for the final multiply, runs beside the polynomials, off the latency-critical path.
        float s = float.MinNative(x * x, TanhClamp * TanhClamp);
        x = float.MinNative(float.MaxNative(x, -TanhClamp), TanhClamp);
        // Estrin's scheme (s^2 alongside the low-order pairs) instead of Horner: 3 dependent FMAs instead of 4.
        float s2 = s * s;
        float p = MathF.FusedMultiplyAdd(s2, MathF.FusedMultiplyAdd(s2, P4, MathF.FusedMultiplyAdd(P3, s, P2)), MathF.FusedMultiplyAdd(P1, s, P0));
        float q = MathF.FusedMultiplyAdd(s2, MathF.FusedMultiplyAdd(s2, Q4, MathF.FusedMultiplyAdd(Q3, s, Q2)), MathF.FusedMultiplyAdd(Q1, s, 1f));
        return x * p / q;
    }

    /// <summary>
    /// The logistic sigmoid 1/(1+exp(-x)) as 0.5 + 0.5*tanh(x/2). Valid for every float; maximum absolute error
    /// <see cref="SigmoidMaxAbsError"/>; the result lies in [-SigmoidMaxAbsError, 1 + SigmoidMaxAbsError].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => MathF.FusedMultiplyAdd(0.5f, Tanh(0.5f * x), 0.5f);

    /// <summary>sigmoid(2*halfX): <see cref="Sigmoid"/> for a caller that already holds x/2 (saves a multiply on a
    /// latency-bound path). Same range and error as <see cref="Sigmoid"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidOfDouble(float halfX) => MathF.FusedMultiplyAdd(0.5f, Tanh(halfX), 0.5f);

    /// <summary>
    /// 2^x: rounds x to n + r with |r| &lt;= 0.5, a degree-6 Taylor polynomial for 2^r and n put into the exponent bits.
    /// Valid range [-126, 126] (clamped there, so the result is always a normal float); maximum relative error
    /// <see cref="Exp2MaxRelError"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp2(float x)
    {
        x = float.MinNative(float.MaxNative(x, -126f), 126f);
        float n = MathF.Round(x);
        float r = (x - n) * 0.6931471805599453f; // r*ln2 in [-0.347, 0.347]
        float p = MathF.FusedMultiplyAdd(1f / 720f, r, 1f / 120f);
        p = MathF.FusedMultiplyAdd(p, r, 1f / 24f);
        p = MathF.FusedMultiplyAdd(p, r, 1f / 6f);
        p = MathF.FusedMultiplyAdd(p, r, 0.5f);
        p = MathF.FusedMultiplyAdd(p, r, 1f);
        p = MathF.FusedMultiplyAdd(p, r, 1f);
        return p * BitConverter.Int32BitsToSingle(((int)n + 127) << 23);
    }

    /// <summary>
    /// log2(x) for positive normal x (x below 1.2e-38 is treated as 1.2e-38; not for 0, negatives or NaN): splits x
    /// into 2^e * m with m in [0.707, 1.414) and sums the atanh series of t = (m-1)/(m+1) to t^7 (one division).
    /// Maximum absolute error <see cref="Log2MaxAbsError"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log2(float x)
    {
        x = float.MaxNative(x, 1.17549435e-38f);
        int bits = BitConverter.SingleToInt32Bits(x);
        // Bias the mantissa so that m lands in [sqrt(0.5), sqrt(2)): add the offset of sqrt(2) - 1 before splitting.
        int adjusted = bits + (0x3f800000 - 0x3f3504f3);
        int e = (adjusted >> 23) - 127;
        float m = BitConverter.Int32BitsToSingle(bits - (e << 23));
        float t = (m - 1f) / (m + 1f);
        float t2 = t * t;
        const float C1 = 2.8853900817779268f;   // 2/ln2
        const float C3 = 0.9617966939259756f;   // 2/(3 ln2)
        const float C5 = 0.5770780163555854f;   // 2/(5 ln2)
        const float C7 = 0.41219858311113244f;  // 2/(7 ln2)
        float p = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(C7, t2, C5), t2, C3), t2, C1);
        return MathF.FusedMultiplyAdd(t, p, e);
    }

    /// <summary>
    /// x^exponent for x in (0, 1] as Exp2(exponent*Log2(x)): the one-pole voicing F = f^(1/k). Valid for x in
    /// [1.2e-38, 1] and exponent in (0, 4]; maximum relative error about 3e-7 + 0.7*|exponent*log2(x)|*6e-8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float PowUnit(float x, float exponent) => Exp2(exponent * Log2(x));
}
