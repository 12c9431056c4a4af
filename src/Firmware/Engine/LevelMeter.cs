using System.Runtime.CompilerServices;

namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// A level meter fed on the audio thread and read by the control socket: the audio thread accumulates the peak, the
/// sum of squares and the clipped samples of every block, and publishes one <see cref="MeterReading"/> per window
/// (50 ms by default) through a <see cref="SeqLockValue{T}"/>. A reader at 10 to 20 frames a second thus sees every
/// peak (none falls between two reads) and a steady RMS. Accumulating allocates nothing, takes no lock and never waits.
/// </summary>
public sealed class LevelMeter
{
    /// <summary>A sample whose magnitude is at least this counts as clipped: 0.999, -0.009 dBFS (a converter's last
    /// codes; the pedal's output limiter never reaches it on a clean signal).</summary>
    public const float ClipLevel = 0.999f;

    /// <summary>The default window, 50 ms.</summary>
    public const double DefaultWindowMs = 50;

    private readonly SeqLockValue<MeterReading> _published = new();
    private int _windowSamples = 2400;
    private int _count;
    private float _peak;
    private double _sumSquares;
    private long _clips;
    private long _windows;

    /// <summary>The window in samples (all channels counted).</summary>
    public int WindowSamples => _windowSamples;

    /// <summary>Sets the window and clears the meter; not while the audio thread feeds it.</summary>
    /// <param name="sampleRateHz">The stream's rate, 8000..384000 Hz.</param>
    /// <param name="channels">Channels fed per frame, 1..2.</param>
    /// <param name="windowMs">The window, 5..1000 ms.</param>
    public void Prepare(double sampleRateHz, int channels = 1, double windowMs = DefaultWindowMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRateHz, 384000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowMs, 5);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowMs, 1000);
        _windowSamples = Math.Max(1, (int)Math.Round(sampleRateHz * windowMs * 0.001) * channels);
        Reset();
    }

    /// <summary>Clears the accumulators and publishes an empty reading; not while the audio thread feeds it.</summary>
    public void Reset()
    {
        _count = 0;
        _peak = 0;
        _sumSquares = 0;
        _clips = 0;
        _windows = 0;
        _published.Publish(default);
    }

    /// <summary>Adds samples (the audio thread only). A NaN or infinite sample counts as full scale and as clipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate(ReadOnlySpan<float> samples)
    {
        float peak = _peak;
        double sum = _sumSquares;
        int count = _count;
        long clips = _clips;
        for (int i = 0; i < samples.Length; i++)
        {
            float a = MathF.Abs(samples[i]);
            if (!(a <= float.MaxValue))
            {
                a = 1f; // NaN or infinity
            }

            peak = MathF.Max(peak, a);
            sum += a * a;
            if (a >= ClipLevel)
            {
                clips++;
            }

            if (++count == _windowSamples)
            {
                _windows++;
                _published.Publish(new MeterReading(peak, (float)(sum / count), clips, _windows));
                peak = 0;
                sum = 0;
                count = 0;
            }
        }

        _peak = peak;
        _sumSquares = sum;
        _count = count;
        _clips = clips;
    }

    /// <summary>The last published window (any thread; allocates nothing).</summary>
    public MeterReading Read() => _published.Read();
}
