using BenchmarkDotNet.Attributes;
using GruPedalPi.Dsp;

namespace GruPedalPi.Benchmarks;

/// <summary>Micro-benchmarks of the chain per oversampling factor (one block of 64 samples per op).</summary>
[MemoryDiagnoser]
public class ChainBenchmarks
{
    private PedalChain _chain = null!;
    private float[] _block = null!;

    /// <summary>Oversampling factor.</summary>
    [Params(1, 2, 4, 8)]
    public int Factor { get; set; }

    /// <summary>Prepares the chain at 48 kHz.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _chain = new PedalChain(new ChainOptions { OversamplingFactor = Factor });
        _chain.Prepare(48000, 64);
        _block = new float[64];
        for (int i = 0; i < _block.Length; i++)
        {
            _block[i] = 0.5f * MathF.Sin(i * 0.05f);
        }
    }

    /// <summary>One 64-sample block.</summary>
    [Benchmark]
    public void Block64() => _chain.Process(_block);
}
