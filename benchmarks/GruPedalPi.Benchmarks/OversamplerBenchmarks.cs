using BenchmarkDotNet.Attributes;
using GruPedalPi.Dsp;

namespace GruPedalPi.Benchmarks;

/// <summary>The oversampler's round trip (up then down, no unit between) per factor and quality, per host sample.</summary>
[MemoryDiagnoser]
public class OversamplerBenchmarks
{
    private const int Block = 64;
    private Oversampler _oversampler = null!;
    private float[] _input = null!;
    private float[] _up = null!;
    private float[] _output = null!;

    /// <summary>Oversampling factor.</summary>
    [Params(2, 4, 8)]
    public int Factor { get; set; }

    /// <summary>Filter quality.</summary>
    [Params(OversamplingQuality.Standard, OversamplingQuality.High)]
    public OversamplingQuality Quality { get; set; }

    /// <summary>Designs and prepares the filters.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _oversampler = new Oversampler(Factor, Quality);
        _oversampler.Prepare(48000, Block);
        _input = new float[Block];
        _up = new float[Block * Factor];
        _output = new float[Block];
        for (int i = 0; i < Block; i++)
        {
            _input[i] = 0.5f * MathF.Sin(i * 0.05f);
        }
    }

    /// <summary>Up and down over one 64-sample block; the time shown is per host sample.</summary>
    [Benchmark(OperationsPerInvoke = Block)]
    public void RoundTrip()
    {
        _oversampler.Upsample(_input, _up);
        _oversampler.Downsample(_up, _output);
    }
}
