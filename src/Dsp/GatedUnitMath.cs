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

    /// <summary>The seed's step in MathF: f = sigmoid(wf*x + uf*y1 + bf), y = f*y1 + (1-f)*tanh(wh*x + uh*f*y1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepExact(float x, float y1, float wf, float wh, float uf, float uh, float bf)
    {
        float f = 1f / (1f + MathF.Exp(-(wf * x + uf * y1 + bf)));
        float y = f * y1 + (1f - f) * MathF.Tanh(wh * x + uh * f * y1);
        return Flush(y);
    }

    /// <summary>
    /// The seed's step with the fast approximations (within 2e-5 of <see cref="StepExact"/> on the reference sets). Takes the
    /// gate's weights halved (<paramref name="wf2"/> = wf/2, <paramref name="uf2"/> = uf/2, <paramref name="bf2"/> = bf/2,
    /// exact in float) so that z/2 feeds tanh directly, and orders the terms for the shortest dependency chain from y1:
    /// uh*y1, f*y1 and 1-f are computed beside the tanh calls, leaving one FMA after each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepFast(float x, float y1, float wf2, float wh, float uf2, float uh, float bf2)
    {
        float t = FastMath.Tanh(MathF.FusedMultiplyAdd(uf2, y1, MathF.FusedMultiplyAdd(wf2, x, bf2)));
        float f = MathF.FusedMultiplyAdd(0.5f, t, 0.5f);
        float g = MathF.FusedMultiplyAdd(-0.5f, t, 0.5f); // 1 - f
        float h = FastMath.Tanh(MathF.FusedMultiplyAdd(f, uh * y1, wh * x));
        return Flush(MathF.FusedMultiplyAdd(g, h, f * y1));
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

    /// <summary>The voiced step with the fast approximations (F from <see cref="FastMath.PowUnit"/>); gate weights halved as in
    /// <see cref="StepFast"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepFastVoiced(float x, float y1, float yd, float wf2, float wh, float uf2, float uh, float bf2, float invK)
    {
        float f = FastMath.SigmoidOfDouble(MathF.FusedMultiplyAdd(uf2, yd, MathF.FusedMultiplyAdd(wf2, x, bf2)));
        float pole = FastMath.PowUnit(f, invK);
        float h = FastMath.Tanh(MathF.FusedMultiplyAdd(f, uh * yd, wh * x));
        return Flush(MathF.FusedMultiplyAdd(pole, y1 - h, h));
    }

    /// <summary>Returns 0 for NaN and for magnitudes below <see cref="FlushThreshold"/>, else the value (one compare).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Flush(float y) => MathF.Abs(y) >= FlushThreshold ? y : 0f;
}
