using System.Diagnostics;
using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Benchmarks;

/// <summary>
/// Measures the unit (exact and fast) and the chain at each oversampling factor on one thread: each subject processes
/// a guitar-like signal (<see cref="TestSignal"/>, looped, the same as the C++ reference's) in blocks of <see cref="BlockSize"/> samples, after a warm-up that
/// lets the JIT reach its final tier; the fastest of several runs counts.
/// </summary>
public static class BenchRunner
{
    /// <summary>Samples per call, as the live engine's period.</summary>
    public const int BlockSize = 64;

    /// <summary>Default samples per run.</summary>
    public const long DefaultSamples = 10_000_000;

    /// <summary>Default number of runs per subject.</summary>
    public const int DefaultRuns = 3;

    /// <summary>The oversampling factors measured.</summary>
    public static IReadOnlyList<int> Factors { get; } = [1, 2, 4, 8];

    /// <summary>Runs every measurement.</summary>
    /// <param name="samples">Samples per run, at least <see cref="BlockSize"/>.</param>
    /// <param name="runs">Runs per subject, 1..100.</param>
    /// <param name="progress">Told the name of each subject before it runs (may be null).</param>
    public static BenchResult Run(long samples = DefaultSamples, int runs = DefaultRuns, Action<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, BlockSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var source = TestSignal();
        var settings = PedalSettings.Defaults;
        progress?.Invoke("unit, exact");
        double exact = Measure(new MinimalGatedUnit(settings, fastMath: false).Process, source, samples, runs);
        progress?.Invoke("unit, fast");
        double fast = Measure(new MinimalGatedUnit(settings, fastMath: true).Process, source, samples, runs);
        var chain = new Dictionary<int, double>();
        foreach (var factor in Factors)
        {
            progress?.Invoke($"chain, {factor}x");
            var c = new PedalChain(new ChainOptions { OversamplingFactor = factor });
            c.Prepare(48000, BlockSize);
            c.SetAll(settings, immediate: true);
            chain[factor] = Measure(c.Process, source, samples, runs);
        }

        return new BenchResult(samples, runs, BlockSize, exact, fast, chain);
    }

    private delegate void BlockProcess(Span<float> block);

    /// <summary>The signal of the C++ reference (benchmarks/cpp/gru_reference.cpp), so that both time the same work:
    /// two seconds at 48 kHz of four plucked notes, six decaying partials each, peak about 1.</summary>
    public static float[] TestSignal()
    {
        var s = new float[96000];
        float[] notes = [82.41f, 110.0f, 146.83f, 196.0f];
        for (int i = 0; i < s.Length; i++)
        {
            float t = (i % 24000) / 48000f;
            float f0 = notes[(i / 24000) % 4];
            float v = 0;
            for (int k = 1; k <= 6; k++)
            {
                v += MathF.Sin(6.2831853f * f0 * k * t) * MathF.Exp(-3f * t * k) / k;
            }

            s[i] = 0.8f * v;
        }

        return s;
    }

    private static double Measure(BlockProcess process, float[] source, long samples, int runs)
    {
        var block = new float[BlockSize];
        // Warm-up: enough calls for tiered compilation to settle on optimized code.
        Loop(process, source, block, Math.Min(samples, 2_000_000));
        double best = double.PositiveInfinity;
        for (int r = 0; r < runs; r++)
        {
            var start = Stopwatch.GetTimestamp();
            long done = Loop(process, source, block, samples);
            double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / done;
            best = Math.Min(best, ns);
        }

        return best;
    }

    private static long Loop(BlockProcess process, float[] source, float[] block, long samples)
    {
        long done = 0;
        int position = 0;
        int usable = source.Length - (source.Length % BlockSize);
        while (done < samples)
        {
            source.AsSpan(position, BlockSize).CopyTo(block);
            process(block);
            position += BlockSize;
            if (position >= usable)
            {
                position = 0;
            }

            done += BlockSize;
        }

        return done;
    }
}
