using System.Runtime.CompilerServices;

namespace GruPedalPi.Dsp;

/// <summary>
/// A linear parameter ramp, as the seed's (which ramps linearly over 200 samples): a new target is reached in a fixed
/// time from wherever the value is, one step per sample. It advances only per sample, so its values do not depend
/// on block sizes; it ends exactly on the target. A mutable struct: keep it in a field and call it by reference.
/// </summary>
public struct LinearSmoother
{
    private float _current;
    private float _target;
    private float _step;
    private int _remaining;
    private int _rampSamples;

    /// <summary>The value the ramp is at (the last value returned by <see cref="Next"/>).</summary>
    public readonly float Current => _current;

    /// <summary>The value the ramp is heading to.</summary>
    public readonly float Target => _target;

    /// <summary>True while the value is still moving.</summary>
    public readonly bool IsRamping => _remaining > 0;

    /// <summary>Sets the ramp time. sampleRateHz &gt; 0; rampMs 0..1000 (0 jumps).</summary>
    public void Prepare(double sampleRateHz, double rampMs)
    {
        _rampSamples = (int)Math.Round(sampleRateHz * Math.Clamp(rampMs, 0, 1000) / 1000.0);
        Jump(_target);
    }

    /// <summary>Heads for a new target, reaching it after the ramp time; a target equal to the current one changes nothing.</summary>
    public void SetTarget(float target)
    {
        if (target == _target)
        {
            return;
        }

        _target = target;
        if (_rampSamples <= 0)
        {
            Jump(target);
            return;
        }

        _remaining = _rampSamples;
        _step = (target - _current) / _rampSamples;
    }

    /// <summary>Jumps to a value at once (no ramp).</summary>
    public void Jump(float value)
    {
        _current = value;
        _target = value;
        _step = 0f;
        _remaining = 0;
    }

    /// <summary>Advances one sample and returns the value for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Next()
    {
        if (_remaining > 0)
        {
            _remaining--;
            _current = _remaining == 0 ? _target : _current + _step;
        }

        return _current;
    }
}
