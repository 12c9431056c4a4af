using System.Runtime.CompilerServices;

namespace GruPedalPi.Dsp;

/// <summary>The fast step (<see cref="FastMath"/>): <see cref="GatedUnitMath.StepFast"/>, within 2e-5 of
/// <see cref="GatedUnitMath.StepExact"/> on the reference sets, and the voiced steps with the pole F = f^(1/k) from
/// <typeparamref name="TPole"/> (<see cref="FastMath.PowUnit"/>'s error bounds for any k, correctly rounded square roots
/// for k = 2, 4, 8). The gate weights are taken halved (exact in float), so that z/2 feeds tanh directly.</summary>
/// <typeparam name="TPole">How the voiced steps compute the pole.</typeparam>
internal readonly struct FastGatedStep<TPole> : IGatedStep
    where TPole : struct, GatedUnitMath.IPole
{
    /// <summary>Half the weight (exact in float): the fast steps take wf/2, uf/2 and bf/2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GateWeight(float weight) => 0.5f * weight;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float x, float y1, float wf, float wh, float uf, float uh, float bf) =>
        GatedUnitMath.StepFast(x, y1, wf, wh, uf, uh, bf);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepVoiced(float x, float y1, float yd, float wf, float wh, float uf, float uh, float bf, float invK) =>
        GatedUnitMath.StepFastVoiced<TPole>(x, y1, yd, wf, wh, uf, uh, bf, invK);

    /// <summary><see cref="GatedUnitMath.StepFastVoicedAdjacent{TPole}"/> with the older term frac*y2 (ready a sample
    /// early: y2 is the previous y1), so that the loop's critical path is one FMA, a tanh, one FMA, a tanh and one FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepVoicedAdjacent(
        float x, float y1, float y2, float frac, float keep, float wf, float wh, float uf, float uh, float bf, float invK) =>
        GatedUnitMath.StepFastVoicedAdjacent<TPole>(x, y1, frac * y2, keep, wf, wh, uf, uh, bf, invK);
}
