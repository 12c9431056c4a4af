using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GruPedalPi.Dsp;

/// <summary>
/// The seed's minimal gated unit alone, exactly as the original plugin runs it: per sample
/// <c>f = sigmoid(Wf*x + Uf*y1 + bf)</c>, <c>y = f*y1 + (1-f)*tanh(Wh*x + Uh*f*y1)</c>, float32, state y1 from 0,
/// parameters fixed (no smoothing, no rate scaling, no gain, no oversampling). Use it for <c>render --raw</c>,
/// to compare with the original plugin sample for sample. The chain (<see cref="PedalChain"/>) wraps a rate-voiced
/// variant of the same recurrence.
/// Safety: a NaN result (from a NaN or infinite input) or a state below 1e-20 is flushed to 0, so the unit never
/// wedges and never produces subnormals; the output always lies in [-1, 1] for finite parameters.
/// </summary>
public sealed class MinimalGatedUnit : IAudioStage
{
    private float _wf;
    private float _wh;
    private float _uf;
    private float _uh;
    private float _bf;
    private float _y1;

    /// <summary>Creates a unit. The parameters accept any finite value (the original's knob ranges are in
    /// <see cref="Parameters"/>: Wf 0..10, Wh 0.01..5, Uf 0..5, Uh 0..2, bf -1..5); non-finite values throw.</summary>
    /// <param name="wf">Gate input weight Wf (default 0.5, the original plugin's).</param>
    /// <param name="wh">Candidate input weight Wh, the drive (default 1).</param>
    /// <param name="uf">Gate recurrent weight Uf (default 0.5).</param>
    /// <param name="uh">Candidate recurrent weight Uh (default 0.5).</param>
    /// <param name="bf">Gate bias bf (default 0).</param>
    /// <param name="fastMath">False (default): MathF, the seed's exact math. True: <see cref="FastMath"/> approximations,
    /// within 2e-5 of the exact unit on the reference sets and about twice as fast.</param>
    public MinimalGatedUnit(float wf = 0.5f, float wh = 1f, float uf = 0.5f, float uh = 0.5f, float bf = 0f, bool fastMath = false)
    {
        FastMath = fastMath;
        SetParameters(wf, wh, uf, uh, bf);
    }

    /// <summary>Creates a unit with the unit parameters (Wf, Wh, Uf, Uh, bf) of <paramref name="settings"/>.</summary>
    public MinimalGatedUnit(in PedalSettings settings, bool fastMath = false)
        : this(settings[ParameterId.Wf], settings[ParameterId.Wh], settings[ParameterId.Uf], settings[ParameterId.Uh], settings[ParameterId.Bf], fastMath)
    {
    }

    /// <summary>True when the unit runs the fast approximations instead of MathF.</summary>
    public bool FastMath { get; }

    /// <summary>Gate input weight Wf.</summary>
    public float Wf => _wf;

    /// <summary>Candidate input weight Wh (drive).</summary>
    public float Wh => _wh;

    /// <summary>Gate recurrent weight Uf.</summary>
    public float Uf => _uf;

    /// <summary>Candidate recurrent weight Uh.</summary>
    public float Uh => _uh;

    /// <summary>Gate bias bf.</summary>
    public float Bf => _bf;

    /// <summary>The state y1: the previous output (0 after construction and <see cref="Reset"/>).</summary>
    public float State => _y1;

    /// <summary>Latency in samples: always 0 (the unit is a per-sample recurrence).</summary>
    public int LatencySamples => 0;

    /// <summary>Sets all five parameters at once; they apply from the next sample, without ramping (as the seed
    /// with fixed knobs). Any finite value is accepted.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN or infinite.</exception>
    public void SetParameters(float wf, float wh, float uf, float uh, float bf)
    {
        Check(wf, nameof(wf));
        Check(wh, nameof(wh));
        Check(uf, nameof(uf));
        Check(uh, nameof(uh));
        Check(bf, nameof(bf));
        (_wf, _wh, _uf, _uh, _bf) = (wf, wh, uf, uh, bf);
    }

    /// <summary>Sets the five unit parameters from <paramref name="settings"/> (Wf, Wh, Uf, Uh, bf; the others are ignored).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN or infinite.</exception>
    public void SetParameters(in PedalSettings settings) => SetParameters(
        settings[ParameterId.Wf], settings[ParameterId.Wh], settings[ParameterId.Uf], settings[ParameterId.Uh], settings[ParameterId.Bf]);

    /// <summary>For <see cref="IAudioStage"/>: the unit keeps no buffers, so this only checks the arguments and resets.
    /// sampleRateHz &gt; 0 (the seed's unit ignores the rate); maxBlockSize &gt;= 1.</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockSize);
        Reset();
    }

    /// <summary>Clears the state (y1 = 0).</summary>
    public void Reset() => _y1 = 0f;

    /// <summary>Processes one sample and returns the output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ProcessSample(float x)
    {
        float y = FastMath
            ? GatedUnitMath.StepFast(x, _y1, 0.5f * _wf, _wh, 0.5f * _uf, _uh, 0.5f * _bf)
            : GatedUnitMath.StepExact(x, _y1, _wf, _wh, _uf, _uh, _bf);
        _y1 = y;
        return y;
    }

    /// <summary>Processes a block in place. Any length; allocation-free; the result does not depend on how a signal is split into blocks.</summary>
    public void Process(Span<float> block)
    {
        if (FastMath)
        {
            ProcessFast(block);
        }
        else
        {
            ProcessExact(block);
        }
    }

    // MathF.Exp/Tanh end in the C library (legacy SSE code on x86-64). Kept out of line so that a caller's 256/512-bit
    // vector code (the block copy before the call, under dynamic PGO's guarded devirtualization) is never inlined next
    // to those calls: this method's prologue clears the upper vector state (vzeroupper) and nothing in it dirties it
    // again. Inlined after a zmm block copy, the unit ran 3x slower (AVX-SSE transition penalties in expf/tanhf).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ProcessExact(Span<float> block)
    {
        float wf = _wf, wh = _wh, uf = _uf, uh = _uh, bf = _bf, y1 = _y1;
        ref float p = ref MemoryMarshal.GetReference(block);
        for (int i = 0; i < block.Length; i++)
        {
            ref float s = ref Unsafe.Add(ref p, i);
            y1 = GatedUnitMath.StepExact(s, y1, wf, wh, uf, uh, bf);
            s = y1;
        }

        _y1 = y1;
    }

    private void ProcessFast(Span<float> block)
    {
        float wf2 = 0.5f * _wf, wh = _wh, uf2 = 0.5f * _uf, uh = _uh, bf2 = 0.5f * _bf, y1 = _y1;
        ref float p = ref MemoryMarshal.GetReference(block);
        for (int i = 0; i < block.Length; i++)
        {
            ref float s = ref Unsafe.Add(ref p, i);
            y1 = GatedUnitMath.StepFast(s, y1, wf2, wh, uf2, uh, bf2);
            s = y1;
        }

        _y1 = y1;
    }

    private static void Check(float value, string name)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"The unit parameter {name} must be a finite number.");
        }
    }
}
