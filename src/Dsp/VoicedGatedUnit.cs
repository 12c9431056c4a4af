using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GruPedalPi.Dsp;

/// <summary>
/// The minimal gated unit as the chain runs it: parameters ramped per host sample (linear, over the smoothing time)
/// and the voice kept the same at every rate. The seed's recurrence runs once per sample, so run naively at k times
/// the voicing rate (<see cref="VoicingRateHz"/>, 48 kHz) its memory would be k times shorter. Since
/// y = f*y1 + (1-f)*h is a one-pole smoother with pole f, the unit uses the pole F = f^(1/k) = exp(-softplus(-z)/k)
/// (the same time constant in seconds; exact for a held candidate) while the candidate h keeps f.
/// At k = 1 (48 kHz, no oversampling) it is the seed's recurrence exactly.
/// </summary>
public sealed class VoicedGatedUnit
{
    /// <summary>The rate at which the presets are voiced: the unit sounds at every rate as the seed's recurrence does at this one.</summary>
    public const double VoicingRateHz = 48000.0;

    private readonly double _smoothingMs;
    private LinearSmoother _wf;
    private LinearSmoother _wh;
    private LinearSmoother _uf;
    private LinearSmoother _uh;
    private LinearSmoother _bf;
    private float _y1;
    private float _invK = 1f;
    private bool _unity = true;

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

    /// <summary>Sets the rates: hostRateHz &gt; 0, maxBlockSize (host samples) &gt;= 1, factor 1..64 unit samples per host sample.</summary>
    public void Prepare(double hostRateHz, int maxBlockSize, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hostRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        Factor = factor;
        double k = hostRateHz * factor / VoicingRateHz;
        _invK = (float)(1.0 / k);
        _unity = Math.Abs(k - 1.0) < 1e-12;
        _wf.Prepare(hostRateHz, _smoothingMs);
        _wh.Prepare(hostRateHz, _smoothingMs);
        _uf.Prepare(hostRateHz, _smoothingMs);
        _uh.Prepare(hostRateHz, _smoothingMs);
        _bf.Prepare(hostRateHz, _smoothingMs);
        _y1 = 0f;
    }

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
        _y1 = 0f;
        _wf.Jump(_wf.Target);
        _wh.Jump(_wh.Target);
        _uf.Jump(_uf.Target);
        _uh.Jump(_uh.Target);
        _bf.Jump(_bf.Target);
    }

    /// <summary>Processes Factor*n unit-rate samples in place (n host samples: the ramps advance once per host sample).</summary>
    public void Process(Span<float> block)
    {
        int factor = Factor;
        int hostSamples = block.Length / factor;
        ref float p = ref MemoryMarshal.GetReference(block);
        float y1 = _y1, invK = _invK;
        bool fast = FastMath, unity = _unity;
        for (int n = 0; n < hostSamples; n++)
        {
            float wf = _wf.Next(), wh = _wh.Next(), uf = _uf.Next(), uh = _uh.Next(), bf = _bf.Next();
            ref float s = ref Unsafe.Add(ref p, n * factor);
            if (fast)
            {
                y1 = unity ? RunFast(ref s, factor, y1, wf, wh, uf, uh, bf) : RunFastVoiced(ref s, factor, y1, wf, wh, uf, uh, bf, invK);
            }
            else
            {
                y1 = unity ? RunExact(ref s, factor, y1, wf, wh, uf, uh, bf) : RunExactVoiced(ref s, factor, y1, wf, wh, uf, uh, bf, invK);
            }
        }

        _y1 = y1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float RunFast(ref float s, int count, float y1, float wf, float wh, float uf, float uh, float bf)
    {
        for (int j = 0; j < count; j++)
        {
            ref float x = ref Unsafe.Add(ref s, j);
            y1 = GatedUnitMath.StepFast(x, y1, wf, wh, uf, uh, bf);
            x = y1;
        }

        return y1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float RunFastVoiced(ref float s, int count, float y1, float wf, float wh, float uf, float uh, float bf, float invK)
    {
        for (int j = 0; j < count; j++)
        {
            ref float x = ref Unsafe.Add(ref s, j);
            y1 = GatedUnitMath.StepFastVoiced(x, y1, wf, wh, uf, uh, bf, invK);
            x = y1;
        }

        return y1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float RunExact(ref float s, int count, float y1, float wf, float wh, float uf, float uh, float bf)
    {
        for (int j = 0; j < count; j++)
        {
            ref float x = ref Unsafe.Add(ref s, j);
            y1 = GatedUnitMath.StepExact(x, y1, wf, wh, uf, uh, bf);
            x = y1;
        }

        return y1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float RunExactVoiced(ref float s, int count, float y1, float wf, float wh, float uf, float uh, float bf, float invK)
    {
        for (int j = 0; j < count; j++)
        {
            ref float x = ref Unsafe.Add(ref s, j);
            y1 = GatedUnitMath.StepExactVoiced(x, y1, wf, wh, uf, uh, bf, invK);
            x = y1;
        }

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
