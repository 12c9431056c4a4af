namespace GruPedalPi.Dsp;

/// <summary>
/// Keeps garbage out of and away from the chain: input samples that are NaN or infinite become 0, magnitudes are
/// clamped to <see cref="InputLimit"/> (+12 dBFS), and magnitudes below 1e-20 (subnormals among them) become 0.
/// </summary>
public static class SignalGuard
{
    /// <summary>Largest input magnitude passed on (+12 dB over full scale).</summary>
    public const float InputLimit = 4f;

    /// <summary>Largest output magnitude the chain can emit (<see cref="InputLimit"/> through +12 dB of level, with margin for filter overshoot).</summary>
    public const float OutputLimit = 64f;

    /// <summary>Copies source to destination, sanitized (NaN/Inf to 0, clamped to ±<see cref="InputLimit"/>, tiny to 0).</summary>
    public static void SanitizeInput(ReadOnlySpan<float> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            float x = source[i];
            // float.IsFinite is false for NaN and ±Inf; the magnitude test also catches the tiny values.
            x = float.IsFinite(x) && MathF.Abs(x) >= GatedUnitMath.FlushThreshold ? x : 0f;
            destination[i] = Math.Clamp(x, -InputLimit, InputLimit);
        }
    }

    /// <summary>Last line of defence on the output, in place: anything non-finite becomes 0, magnitudes are clamped to
    /// ±<see cref="OutputLimit"/>, values below 1e-20 become 0 (no subnormal ever leaves the chain).</summary>
    public static void SanitizeOutput(Span<float> block)
    {
        for (int i = 0; i < block.Length; i++)
        {
            float x = block[i];
            x = MathF.Abs(x) >= GatedUnitMath.FlushThreshold ? x : 0f; // NaN fails the compare
            x = float.IsFinite(x) ? x : 0f;
            block[i] = Math.Clamp(x, -OutputLimit, OutputLimit);
        }
    }
}
