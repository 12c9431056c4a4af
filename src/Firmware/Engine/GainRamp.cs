using System.Runtime.CompilerServices;

namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// A gain, 0..1, that moves linearly toward 0 or 1 by a fixed step per sample and multiplies one or two channels in
/// place: the tuner's click-free mute and the fade-out before a stop. The audio thread applies it; any thread may read
/// <see cref="Gain"/>. Allocation-free.
/// </summary>
internal sealed class GainRamp
{
    private float _gain;
    private float _step = 1f;

    /// <summary>Creates the ramp at <paramref name="gain"/> (0..1).</summary>
    public GainRamp(float gain = 1f) => _gain = gain;

    /// <summary>The gain now (after the last sample it was applied to), 0..1.</summary>
    public float Gain => Volatile.Read(ref _gain);

    /// <summary>Sets the step so that a full swing (0 to 1) takes <paramref name="durationMs"/> (at least one sample).</summary>
    /// <param name="durationMs">The swing's duration, in milliseconds (0..1000).</param>
    /// <param name="sampleRateHz">The rate it is applied at, in Hz.</param>
    public void SetDuration(double durationMs, double sampleRateHz) =>
        _step = (float)(1.0 / Math.Max(1, durationMs * 0.001 * sampleRateHz));

    /// <summary>Sets the gain at once (no ramp), 0..1: for an engine that is not playing.</summary>
    public void Jump(float gain) => Volatile.Write(ref _gain, gain);

    /// <summary>Ramps toward 0 (<paramref name="towardZero"/>) or 1, one step per sample, multiplying
    /// <paramref name="left"/> and, when not empty, <paramref name="right"/> (the same length) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(Span<float> left, Span<float> right, bool towardZero)
    {
        float gain = _gain;
        float step = towardZero ? -_step : _step;
        for (int i = 0; i < left.Length; i++)
        {
            gain = Math.Clamp(gain + step, 0f, 1f);
            left[i] *= gain;
            if (!right.IsEmpty)
            {
                right[i] *= gain;
            }
        }

        Volatile.Write(ref _gain, gain);
    }
}
