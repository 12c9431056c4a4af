using System.Runtime.CompilerServices;

namespace GruPedalPi.Dsp;

/// <summary>
/// One step of the minimal gated unit, exact (MathF) and fast (<see cref="FastMath"/>), and the rate-voiced step
/// the chain runs when the unit's rate differs from the voicing rate (48 kHz): the gate's one-pole pole f becomes
/// F = f^(1/k) at k times the rate, while the candidate keeps f and both read a delayed state. Every step flushes a result that is NaN or
/// below 1e-20 in magnitude to 0, so the recurrence can neither wedge on a NaN nor decay into subnormals.
/// </summary>
internal static class GatedUnitMath
{
    /// <summary>Magnitude below which the state is flushed to zero (far above the subnormal range, far below audibility).</summary>
    public const float FlushThreshold = 1e-20f;

    /// <summary>The seed's step in MathF: f = sigmoid(wf*x + uf*y1 + bf), y = f*y1 + (1-f)*tanh(wh*x + uh*f*y1).
    /// MathF.Exp and MathF.Tanh as the seed; the products and sums are contracted into fused multiply-adds (as GCC
    /// contracts the seed's C++ on the Pi by default), each dropping one rounding, and ordered so that the terms
    /// that do not depend on y1 are ready before it: uh*y1 beside the exp, f*y1 beside the tanh.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepExact(float x, float y1, float wf, float wh, float uf, float uh, float bf)
    {
        float f = 1f / (1f + MathF.Exp(-MathF.FusedMultiplyAdd(uf, y1, MathF.FusedMultiplyAdd(wf, x, bf))));
        float h = MathF.Tanh(MathF.FusedMultiplyAdd(f, uh * y1, wh * x));
        return Flush(MathF.FusedMultiplyAdd(1f - f, h, f * y1));
    }

    /// <summary>
    /// The seed's step with the fast approximations (within 2e-5 of <see cref="StepExact"/> on the reference sets). Takes the
    /// gate's weights halved (<paramref name="wf2"/> = wf/2, <paramref name="uf2"/> = uf/2, <paramref name="bf2"/> = bf/2,
    /// exact in float) so that z/2 feeds tanh directly, and orders the terms for the shortest dependency chain from y1:
    /// with t = tanh(z/2), f = (1+t)/2, so the candidate's argument wh*x + uh*f*y1 is one FMA on t (its other terms,
    /// uh*y1/2 and wh*x, are ready before t), and f*y1, 1-f are computed beside the second tanh, leaving one FMA after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepFast(float x, float y1, float wf2, float wh, float uf2, float uh, float bf2)
    {
        float t = FastMath.Tanh(MathF.FusedMultiplyAdd(uf2, y1, MathF.FusedMultiplyAdd(wf2, x, bf2)));
        float a = 0.5f * uh * y1; // uh*f*y1 = a + a*t
        float h = FastMath.Tanh(MathF.FusedMultiplyAdd(t, a, MathF.FusedMultiplyAdd(wh, x, a)));
        float halfY1 = 0.5f * y1;
        float fy1 = MathF.FusedMultiplyAdd(t, halfY1, halfY1); // f*y1
        float g = MathF.FusedMultiplyAdd(-0.5f, t, 0.5f); // 1 - f
        return Flush(MathF.FusedMultiplyAdd(g, h, fy1));
    }

    /// <summary>
    /// The voiced step in MathF at k = rate/48 kHz (<paramref name="invK"/> = 1/k). The one-pole smoother keeps its time
    /// constant in seconds: pole F = f^(1/k) = (1+exp(-z))^(-1/k) applied to the current state y1; the gate and the
    /// candidate read the delayed state <paramref name="yd"/> (see <see cref="VoicedGatedUnit"/>) and the candidate keeps f:
    /// f = sigmoid(wf*x + uf*yd + bf), y = F*y1 + (1-F)*tanh(wh*x + uh*f*yd).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepExactVoiced(float x, float y1, float yd, float wf, float wh, float uf, float uh, float bf, float invK)
    {
        float e = MathF.Exp(-(wf * x + uf * yd + bf));
        float onePlusE = 1f + e;
        float f = 1f / onePlusE;
        float pole = MathF.Exp(-MathF.Log(onePlusE) * invK);
        float h = MathF.Tanh(wh * x + uh * f * yd);
        return Flush(pole * y1 + (1f - pole) * h);
    }

    /// <summary>The voiced step with the fast approximations (F from <typeparamref name="TPole"/>: <see cref="FastMath.PowUnit"/>,
    /// or square roots when k is 2, 4 or 8); gate weights halved as in <see cref="StepFast"/>, and as there the candidate's
    /// argument is one FMA on t = tanh(z/2) and the output one FMA after the candidate's tanh.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepFastVoiced<TPole>(float x, float y1, float yd, float wf2, float wh, float uf2, float uh, float bf2, float invK)
        where TPole : struct, IPole
    {
        float t = FastMath.Tanh(MathF.FusedMultiplyAdd(uf2, yd, MathF.FusedMultiplyAdd(wf2, x, bf2)));
        float pole = TPole.Compute(MathF.FusedMultiplyAdd(0.5f, t, 0.5f), invK);
        float a = 0.5f * uh * yd; // uh*f*yd = a + a*t
        float h = FastMath.Tanh(MathF.FusedMultiplyAdd(t, a, MathF.FusedMultiplyAdd(wh, x, a)));
        return Flush(MathF.FusedMultiplyAdd(1f - pole, h, pole * y1));
    }

    /// <summary>
    /// <see cref="StepFastVoiced{TPole}"/> when the delayed state lies between the last two outputs (lag 1..2, so k &lt; 3,
    /// e.g. 2x at 44.1/48 kHz): yd = keep*y1 + (1-keep)*y2 from registers, and the gate's argument is one FMA on y1
    /// (<paramref name="olderTerm"/> = (1-keep)*y2 is ready a sample early), so that the loop's critical path is one FMA,
    /// a tanh, one FMA, a tanh and one FMA.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepFastVoicedAdjacent<TPole>(float x, float y1, float olderTerm, float keep, float wf2, float wh, float uf2, float uh, float bf2, float invK)
        where TPole : struct, IPole
    {
        float yd = MathF.FusedMultiplyAdd(keep, y1, olderTerm);
        float t = FastMath.Tanh(MathF.FusedMultiplyAdd(uf2 * keep, y1, MathF.FusedMultiplyAdd(uf2, olderTerm, MathF.FusedMultiplyAdd(wf2, x, bf2))));
        float pole = TPole.Compute(MathF.FusedMultiplyAdd(0.5f, t, 0.5f), invK);
        float a = 0.5f * uh * yd; // uh*f*yd = a + a*t
        float h = FastMath.Tanh(MathF.FusedMultiplyAdd(t, a, MathF.FusedMultiplyAdd(wh, x, a)));
        return Flush(MathF.FusedMultiplyAdd(1f - pole, h, pole * y1));
    }

    /// <summary>How the fast voiced step turns the gate f (in [0, 1]) into the pole F = f^(1/k).</summary>
    internal interface IPole
    {
        /// <summary>f^invK for f in [0, 1] (a gate value; the fast sigmoid may exceed [0, 1] by its 3e-7 error).</summary>
        static abstract float Compute(float f, float invK);
    }

    /// <summary>Any k: <see cref="FastMath.PowUnit"/> (its error bounds apply).</summary>
    internal readonly struct PowerPole : IPole
    {
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Compute(float f, float invK) => FastMath.PowUnit(f, invK);
    }

    /// <summary>k = 2 (48 kHz at 2x, the default): sqrt(f), correctly rounded and about a fifth of PowUnit's latency.</summary>
    internal readonly struct SquareRootPole : IPole
    {
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Compute(float f, float invK) => MathF.Sqrt(float.MaxNative(f, 0f));
    }

    /// <summary>k = 4: two square roots.</summary>
    internal readonly struct FourthRootPole : IPole
    {
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Compute(float f, float invK) => MathF.Sqrt(MathF.Sqrt(float.MaxNative(f, 0f)));
    }

    /// <summary>k = 8: three square roots.</summary>
    internal readonly struct EighthRootPole : IPole
    {
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Compute(float f, float invK) => MathF.Sqrt(MathF.Sqrt(MathF.Sqrt(float.MaxNative(f, 0f))));
    }

    /// <summary>Returns 0 for NaN and for magnitudes below <see cref="FlushThreshold"/>, else the value (one compare).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Flush(float y) => MathF.Abs(y) >= FlushThreshold ? y : 0f;
}
