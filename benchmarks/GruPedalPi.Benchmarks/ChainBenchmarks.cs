using BenchmarkDotNet.Attributes;
using GruPedalPi.Dsp;

namespace GruPedalPi.Benchmarks;

/// <summary>The whole chain per oversampling factor, quality and math: one 64-sample block per invoke, reported per sample.</summary>
[MemoryDiagnoser]
public class ChainBenchmarks
{
    private const int Block = 64;
    private PedalChain _chain = null!;
    private float[] _input = null!;
    private float[] _block = null!;

    /// <summary>Oversampling factor.</summary>
    [Params(1, 2, 4, 8)]
    public int Factor { get; set; }

    /// <summary>Filter quality.</summary>
    [Params(OversamplingQuality.Standard, OversamplingQuality.High)]
    public OversamplingQuality Quality { get; set; }

    /// <summary>Fast approximations (the default) or MathF.</summary>
    [Params(true, false)]
    public bool FastMath { get; set; }

    /// <summary>Prepares the chain at 48 kHz on the plugin's defaults.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _chain = new PedalChain(new ChainOptions { OversamplingFactor = Factor, Quality = Quality, FastMath = FastMath });
        _chain.Prepare(48000, Block);
        _input = new float[Block];
        _block = new float[Block];
        for (int i = 0; i < Block; i++)
        {
            _input[i] = 0.5f * MathF.Sin(i * 0.05f);
        }
    }

    /// <summary>One 64-sample block; the time shown is per sample.</summary>
    [Benchmark(OperationsPerInvoke = Block)]
    public void PerSample()
    {
        _input.CopyTo(_block, 0);
        _chain.Process(_block);
    }
}
