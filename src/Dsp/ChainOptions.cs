namespace GruPedalPi.Dsp;

/// <summary>Structural options of the chain, fixed at construction (changing them means a new chain).</summary>
public sealed record ChainOptions
{
    /// <summary>Oversampling factor around the unit: 1, 2, 4 or 8.</summary>
    public int OversamplingFactor { get; init; } = 2;

    /// <summary>Filter quality of the oversampler.</summary>
    public OversamplingQuality Quality { get; init; } = OversamplingQuality.Standard;

    /// <summary>True for the fast tanh/sigmoid approximations, false for MathF (exact).</summary>
    public bool FastMath { get; init; } = true;

    /// <summary>Channels: 1 (mono, default) or 2 (stereo: two independent units).</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Parameter smoothing time in milliseconds, 0..100 (the seed's 200 samples at 44.1 kHz is about 4.5 ms).</summary>
    public double SmoothingMs { get; init; } = 4.5;

    /// <summary>Bypass crossfade time in milliseconds, 1..100.</summary>
    public double BypassFadeMs { get; init; } = 10;
}
