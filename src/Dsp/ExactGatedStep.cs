using System.Runtime.CompilerServices;

namespace GruPedalPi.Dsp;

/// <summary>The exact (MathF) step: <see cref="GatedUnitMath.StepExact"/> and <see cref="GatedUnitMath.StepExactVoiced"/>,
/// the gate weights taken as they are.</summary>
internal readonly struct ExactGatedStep : IGatedStep
{
    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GateWeight(float weight) => weight;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float x, float y1, float wf, float wh, float uf, float uh, float bf) =>
        GatedUnitMath.StepExact(x, y1, wf, wh, uf, uh, bf);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepVoiced(float x, float y1, float yd, float wf, float wh, float uf, float uh, float bf, float invK) =>
        GatedUnitMath.StepExactVoiced(x, y1, yd, wf, wh, uf, uh, bf, invK);

    /// <summary><see cref="GatedUnitMath.StepExactVoiced"/> with yd = y1 + frac*(y2 - y1), the interpolation the general
    /// loop computes from the ring at lag 1 + frac (there a = y1 and b = y2), so the result is the same bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepVoicedAdjacent(
        float x, float y1, float y2, float frac, float keep, float wf, float wh, float uf, float uh, float bf, float invK) =>
        GatedUnitMath.StepExactVoiced(x, y1, MathF.FusedMultiplyAdd(frac, y2 - y1, y1), wf, wh, uf, uh, bf, invK);
}
