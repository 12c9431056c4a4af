using BenchmarkDotNet.Attributes;
using GruPedalPi.Dsp;

namespace GruPedalPi.Benchmarks;

/// <summary>
/// The seed's unit alone (exact MathF and fast approximations) and the chain's voiced unit at 8x, per sample, on
/// 4096-sample blocks of a 220 Hz sine. The serial recurrence makes latency per sample the measure; the brief's
/// reference is a C++ g++ -O3 build at about 67 ns/sample.
/// </summary>
[MemoryDiagnoser]
public class UnitBenchmarks
{
    private const int Block = 4096;
    private MinimalGatedUnit _exact = null!;
    private MinimalGatedUnit _fast = null!;
    private VoicedGatedUnit _voicedFast = null!;
    private VoicedGatedUnit _voicedExact = null!;
    private float[] _input = null!;
    private float[] _block = null!;

    /// <summary>Builds the units with the plugin's defaults.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _exact = new MinimalGatedUnit();
        _fast = new MinimalGatedUnit(fastMath: true);
        _voicedFast = new VoicedGatedUnit(fastMath: true);
        _voicedFast.Prepare(48000, Block / 8, 8);
        _voicedExact = new VoicedGatedUnit(fastMath: false);
        _voicedExact.Prepare(48000, Block / 8, 8);
        _input = new float[Block];
        _block = new float[Block];
        for (int i = 0; i < Block; i++)
        {
            _input[i] = MathF.Sin(2 * MathF.PI * 220 * i / 48000f);
        }
    }

    /// <summary>The seed's unit in MathF, per sample.</summary>
    [Benchmark(OperationsPerInvoke = Block, Baseline = true)]
    public void Exact()
    {
        _input.CopyTo(_block, 0);
        _exact.Process(_block);
    }

    /// <summary>The seed's unit with the fast approximations, per sample.</summary>
    [Benchmark(OperationsPerInvoke = Block)]
    public void Fast()
    {
        _input.CopyTo(_block, 0);
        _fast.Process(_block);
    }

    /// <summary>The voiced unit at 8x (pole scaling and matched state age), fast math, per unit sample.</summary>
    [Benchmark(OperationsPerInvoke = Block)]
    public void VoicedFast8x()
    {
        _input.CopyTo(_block, 0);
        _voicedFast.Process(_block);
    }

    /// <summary>The voiced unit at 8x in MathF, per unit sample.</summary>
    [Benchmark(OperationsPerInvoke = Block)]
    public void VoicedExact8x()
    {
        _input.CopyTo(_block, 0);
        _voicedExact.Process(_block);
    }
}
