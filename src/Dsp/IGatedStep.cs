namespace GruPedalPi.Dsp;

/// <summary>
/// One step of the gated unit as <see cref="VoicedGatedUnit"/>'s per-sample loops call it: the loops are generic over a
/// struct implementing this interface, so the JIT and NativeAOT compile one specialised copy per step (exact, and fast
/// per pole) with the step inlined, as they do for <see cref="GatedUnitMath.IPole"/>.
/// </summary>
internal interface IGatedStep
{
    /// <summary>A gate weight (wf, uf or bf) in the form the steps below take it: as is (exact), or halved (fast; exact in float).
    /// Applied once per host sample, outside the per-sample loop.</summary>
    static abstract float GateWeight(float weight);

    /// <summary>The seed's step at the voicing rate (or unvoiced): the new state from the input x and the state y1;
    /// wf, uf and bf as <see cref="GateWeight"/> returns them.</summary>
    static abstract float Step(float x, float y1, float wf, float wh, float uf, float uh, float bf);

    /// <summary>The voiced step at k = 1/invK times the voicing rate: the pole applies to y1, the gate and the candidate
    /// read the delayed state yd; wf, uf and bf as <see cref="GateWeight"/> returns them.</summary>
    static abstract float StepVoiced(float x, float y1, float yd, float wf, float wh, float uf, float uh, float bf, float invK);

    /// <summary><see cref="StepVoiced"/> when the delayed state lies between the last two outputs (lag 1 + frac, frac in
    /// [0, 1), keep = 1 - frac): y1 the newest output, y2 the one before, from registers. The result equals
    /// <see cref="StepVoiced"/> with yd read from the ring as the general loop reads it, bit for bit, for the exact step;
    /// the fast step forms yd its own way (see <see cref="GatedUnitMath.StepFastVoicedAdjacent{TPole}"/>).</summary>
    static abstract float StepVoicedAdjacent(
        float x, float y1, float y2, float frac, float keep, float wf, float wh, float uf, float uh, float bf, float invK);
}
