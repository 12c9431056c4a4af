namespace GruPedalPi.Firmware.Benchmarks;

/// <summary>The figures of <c>gru-pedal bench</c>: single thread, best of <see cref="Runs"/> runs of <see cref="Samples"/> samples.</summary>
/// <param name="Samples">Samples processed per run (per subject).</param>
/// <param name="Runs">Runs per subject; the fastest counts.</param>
/// <param name="BlockSize">Samples per processing call (the live engine's period).</param>
/// <param name="GruExactNsPerSample">The unit alone with exact MathF tanh/exp, ns per sample.</param>
/// <param name="GruFastNsPerSample">The unit alone with the fast approximations, ns per sample.</param>
/// <param name="ChainNsPerSample">The default chain (fast math, standard quality, mono) per oversampling factor, ns per input sample.</param>
public sealed record BenchResult(
    long Samples,
    int Runs,
    int BlockSize,
    double GruExactNsPerSample,
    double GruFastNsPerSample,
    IReadOnlyDictionary<int, double> ChainNsPerSample)
{
    /// <summary>The rate the real-time factor refers to, in Hz.</summary>
    public const double RealTimeRateHz = 48000;

    /// <summary>How many times faster than real time the chain runs at <paramref name="factor"/> for 48 kHz mono on one core.</summary>
    public double RealTimeFactor(int factor) => 1e9 / RealTimeRateHz / ChainNsPerSample[factor];
}
