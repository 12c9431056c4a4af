using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GruPedalPi.Dsp;

/// <summary>
/// The minimal gated unit as the chain runs it: parameters ramped per host sample (linear, over the smoothing time)
/// and the voice kept the same at every rate. The presets are voiced on the seed's recurrence at
/// <see cref="VoicingRateHz"/> (48 kHz, one step per sample, T = 1/48000 s); run naively at k = rate/48 kHz times that
/// rate, the unit's memory would be k times shorter. Two things keep the voice:
/// <list type="number">
/// <item>The time constant. y = f*y1 + (1-f)*h is a one-pole smoother with pole f; at k times the rate the unit uses
/// F = f^(1/k) = exp(-softplus(-z)/k), the same time constant in seconds (exact for a held candidate), while the
/// candidate keeps f.</item>
/// <item>The age of the state the nonlinearity sees. The seed freezes f and h at the state y1 from the start of each
/// step T, so measured from the middle of the step they see the state T/2 old. At k times the rate the gate and the
/// candidate read the state (k+1)/2 unit samples back (linearly interpolated): T/2 before the middle of the
/// substep too. At k = 1 this is y1: the seed's recurrence exactly.</item>
/// </list>
/// Measured on harmonics 2..10 of a 220 Hz full-scale sine against 48 kHz without oversampling: the factory presets and
/// typical settings stay within 0.22 dB at 44.1/48/96 kHz and every factor (pole scaling alone: 1.07 dB), and Wh=0.01
/// with Wf, Uf, Uh at their maxima within 0.27 dB (pole scaling alone: 2.7 dB).
/// Also the delayed state takes the nonlinearity off the one-sample critical path from k = 3 on, so the unit runs
/// faster at high factors.
/// </summary>
public sealed class VoicedGatedUnit : IAudioStage
{
    /// <summary>The rate at which the presets are voiced: the unit sounds at every rate as the seed's recurrence does at this one.</summary>
    public const double VoicingRateHz = 48000.0;

    private readonly double _smoothingMs;
    private LinearSmoother _wf;
    private LinearSmoother _wh;
    private LinearSmoother _uf;
    private LinearSmoother _uh;
    private LinearSmoother _bf;
    private const int RingMask = 63;
    private readonly float[] _ring = new float[RingMask + 1];
    private int _ringPosition;
    private int _lagWhole = 1;
    private float _lagFraction;
    private double _k = 1;
    private bool _matchStateAge = true;
    private float _y1;
    private float _invK = 1f;
    private bool _unity = true;
    private int _poleRoots; // fast path: F = f^(1/k) by 1, 2 or 3 square roots when k is exactly 2, 4 or 8; 0: FastMath.PowUnit

    /// <summary>Creates the stage. fastMath: the <see cref="FastMath"/> approximations instead of MathF;
    /// smoothingMs 0..1000: ramp time of parameter changes.</summary>
    public VoicedGatedUnit(bool fastMath, double smoothingMs = 4.5)
    {
        FastMath = fastMath;
        _smoothingMs = smoothingMs;
        var d = PedalSettings.Defaults;
        SetParameters(d[ParameterId.Wf], d[ParameterId.Wh], d[ParameterId.Uf], d[ParameterId.Uh], d[ParameterId.Bf], immediate: true);
    }

    /// <summary>True for the fast approximations.</summary>
    public bool FastMath { get; }

    /// <summary>Oversampling factor the unit runs at (samples per host sample).</summary>
    public int Factor { get; private set; } = 1;

    /// <summary>k = host rate * factor / 48 kHz: how many unit samples make one voicing-rate sample.</summary>
    public double RateRatio => 1.0 / _invK;

    /// <summary>Latency: 0.</summary>
    public int LatencySamples => 0;

    /// <summary>The recurrent state y1.</summary>
    public float State => _y1;

    /// <summary><see cref="IAudioStage.Prepare"/> without oversampling: the unit runs at the host rate (factor 1).</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize) => Prepare(sampleRateHz, maxBlockSize, 1);

    /// <summary>Sets the rates: hostRateHz &gt; 0, maxBlockSize (host samples) &gt;= 1, factor 1..64 unit samples per host sample.</summary>
    public void Prepare(double hostRateHz, int maxBlockSize, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hostRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        Factor = factor;
        double k = hostRateHz * factor / VoicingRateHz;
        _invK = (float)(1.0 / k);
        _unity = Math.Abs(k - 1.0) < 1e-12;
        _poleRoots = k switch { 2.0 => 1, 4.0 => 2, 8.0 => 3, _ => 0 };
        _k = k;
        UpdateLag();
        _wf.Prepare(hostRateHz, _smoothingMs);
        _wh.Prepare(hostRateHz, _smoothingMs);
        _uf.Prepare(hostRateHz, _smoothingMs);
        _uh.Prepare(hostRateHz, _smoothingMs);
        _bf.Prepare(hostRateHz, _smoothingMs);
        ClearState();
    }

    /// <summary>Delay, in unit samples, of the state the gate and the candidate read: (k+1)/2, at least 1.</summary>
    public double StateLagSamples => _lagWhole + _lagFraction;

    /// <summary>Sets the five unit parameters (finite; the chain clamps them to their preset ranges), ramped unless immediate.</summary>
    public void SetParameters(float wf, float wh, float uf, float uh, float bf, bool immediate = false)
    {
        Set(ref _wf, wf, immediate);
        Set(ref _wh, wh, immediate);
        Set(ref _uf, uf, immediate);
        Set(ref _uh, uh, immediate);
        Set(ref _bf, bf, immediate);
    }

    /// <summary>Sets one of the five unit parameters (Wf, Wh, Uf, Uh, Bf); other ids are ignored.</summary>
    public void SetParameter(ParameterId id, float value, bool immediate = false)
    {
        switch (id)
        {
            case ParameterId.Wf: Set(ref _wf, value, immediate); break;
            case ParameterId.Wh: Set(ref _wh, value, immediate); break;
            case ParameterId.Uf: Set(ref _uf, value, immediate); break;
            case ParameterId.Uh: Set(ref _uh, value, immediate); break;
            case ParameterId.Bf: Set(ref _bf, value, immediate); break;
            default: break;
        }
    }

    /// <summary>Clears the state and ends the ramps.</summary>
    public void Reset()
    {
        ClearState();
        _wf.Jump(_wf.Target);
        _wh.Jump(_wh.Target);
        _uf.Jump(_uf.Target);
        _uh.Jump(_uh.Target);
        _bf.Jump(_bf.Target);
    }

    /// <summary>Processes Factor*n unit-rate samples in place (n host samples: the ramps advance once per host sample).</summary>
    public void Process(Span<float> block)
    {
        if (FastMath)
        {
            switch (_poleRoots)
            {
                case 1: ProcessBlock<FastGatedStep<GatedUnitMath.SquareRootPole>>(block); break;
                case 2: ProcessBlock<FastGatedStep<GatedUnitMath.FourthRootPole>>(block); break;
                case 3: ProcessBlock<FastGatedStep<GatedUnitMath.EighthRootPole>>(block); break;
                default: ProcessBlock<FastGatedStep<GatedUnitMath.PowerPole>>(block); break;
            }
        }
        else
        {
            ProcessExact(block);
        }
    }

    // The exact path calls MathF.Exp/Log/Tanh, which end in the C library (legacy SSE code on x86-64). Kept out of
    // line so that a caller's 256/512-bit vector code (a block copy, the oversampler) is never inlined next to
    // those calls: this method's prologue clears the upper vector state (vzeroupper), and nothing in it dirties it
    // again, so the C library's code never pays the AVX-SSE transition penalty (measured: 3x slower under dynamic PGO).
    // The exact path is ProcessBlock and its loops specialised for ExactGatedStep, reached from here only; they hold
    // no vector code either.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ProcessExact(Span<float> block) => ProcessBlock<ExactGatedStep>(block);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ProcessBlock<TStep>(Span<float> block)
        where TStep : struct, IGatedStep
    {
        int factor = Factor;
        int hostSamples = block.Length / factor;
        ref float p = ref MemoryMarshal.GetReference(block);
        float y1 = _y1;
        for (int n = 0; n < hostSamples; n++)
        {
            float wf = TStep.GateWeight(_wf.Next()), wh = _wh.Next(), uf = TStep.GateWeight(_uf.Next()), uh = _uh.Next();
            float bf = TStep.GateWeight(_bf.Next());
            ref float s = ref Unsafe.Add(ref p, n * factor);
            y1 = _unity || Naive ? Run<TStep>(ref s, factor, y1, wf, wh, uf, uh, bf)
                : _lagWhole == 1 ? RunVoicedAdjacent<TStep>(ref s, factor, wf, wh, uf, uh, bf)
                : RunVoiced<TStep>(ref s, factor, wf, wh, uf, uh, bf);
        }

        _y1 = y1;
    }

    /// <summary>True (default): the gate and candidate read the state (k+1)/2 unit samples back. False: pole scaling
    /// alone (they read y1), kept for the voicing report's comparison.</summary>
    internal bool MatchStateAge
    {
        get => _matchStateAge;
        set
        {
            _matchStateAge = value;
            UpdateLag();
        }
    }

    /// <summary>True runs the seed's recurrence unchanged at whatever rate (no voicing), for the voicing report's comparison.</summary>
    internal bool Naive { get; set; }

    private void UpdateLag()
    {
        double lag = _matchStateAge ? Math.Clamp((_k + 1) / 2, 1, RingMask - 1) : 1;
        _lagWhole = (int)Math.Floor(lag);
        _lagFraction = (float)(lag - _lagWhole);
    }

    private void ClearState()
    {
        _y1 = 0f;
        Array.Clear(_ring);
        _ringPosition = 0;
    }

    // The loops below take the gate weights as TStep.GateWeight returns them (halved for the fast step).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Run<TStep>(ref float s, int count, float y1, float wf, float wh, float uf, float uh, float bf)
        where TStep : struct, IGatedStep
    {
        for (int j = 0; j < count; j++)
        {
            ref float x = ref Unsafe.Add(ref s, j);
            y1 = TStep.Step(x, y1, wf, wh, uf, uh, bf);
            x = y1;
        }

        return y1;
    }

    // The ring holds the unit's past outputs; _ringPosition indexes the newest (y1). The delayed state is
    // ring[pos - d + 1] + frac*(ring[pos - d] - ring[pos - d + 1]) for the lag d + frac.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float RunVoiced<TStep>(ref float s, int count, float wf, float wh, float uf, float uh, float bf)
        where TStep : struct, IGatedStep
    {
        ref float ring = ref MemoryMarshal.GetArrayDataReference(_ring);
        int pos = _ringPosition, d = _lagWhole;
        float frac = _lagFraction, invK = _invK;
        float y1 = Unsafe.Add(ref ring, pos);
        for (int j = 0; j < count; j++)
        {
            ref float x = ref Unsafe.Add(ref s, j);
            float a = Unsafe.Add(ref ring, (pos - d + 1) & RingMask);
            float b = Unsafe.Add(ref ring, (pos - d) & RingMask);
            float yd = MathF.FusedMultiplyAdd(frac, b - a, a);
            y1 = TStep.StepVoiced(x, y1, yd, wf, wh, uf, uh, bf, invK);
            pos = (pos + 1) & RingMask;
            Unsafe.Add(ref ring, pos) = y1;
            x = y1;
        }

        _ringPosition = pos;
        return y1;
    }

    // Lag 1..2: the delayed state interpolates the last two outputs, kept in registers (the ring is still written, so
    // that it holds the same history as the general path). The exact step forms the same interpolation as RunVoiced
    // (there a = y1, b = y2), so its output does not depend on which of the two loops runs it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float RunVoicedAdjacent<TStep>(ref float s, int count, float wf, float wh, float uf, float uh, float bf)
        where TStep : struct, IGatedStep
    {
        ref float ring = ref MemoryMarshal.GetArrayDataReference(_ring);
        int pos = _ringPosition;
        float frac = _lagFraction, keep = 1f - frac, invK = _invK;
        float y1 = Unsafe.Add(ref ring, pos);
        float y2 = Unsafe.Add(ref ring, (pos - 1) & RingMask);
        for (int j = 0; j < count; j++)
        {
            ref float x = ref Unsafe.Add(ref s, j);
            float y = TStep.StepVoicedAdjacent(x, y1, y2, frac, keep, wf, wh, uf, uh, bf, invK);
            y2 = y1;
            y1 = y;
            pos = (pos + 1) & RingMask;
            Unsafe.Add(ref ring, pos) = y1;
            x = y1;
        }

        _ringPosition = pos;
        return y1;
    }

    private static void Set(ref LinearSmoother smoother, float value, bool immediate)
    {
        if (immediate)
        {
            smoother.Jump(value);
        }
        else
        {
            smoother.SetTarget(value);
        }
    }
}
