namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// A preallocated single-producer single-consumer ring of interleaved float samples: the audio thread writes,
/// the recorder's thread reads. Lock-free; a full ring drops the newest samples and counts them.
/// </summary>
public sealed class RecorderRing
{
    private readonly float[] _buffer;
    private readonly int _mask;
    private long _written;
    private long _read;
    private long _dropped;

    /// <summary>Creates a ring of at least <paramref name="minimumSamples"/> samples (rounded up to a power of two).</summary>
    public RecorderRing(int minimumSamples)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(minimumSamples, 1024));
        _buffer = new float[size];
        _mask = size - 1;
    }

    /// <summary>Samples dropped because the reader fell behind.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Samples available to read.</summary>
    public long Available => Volatile.Read(ref _written) - _read;

    /// <summary>Touches every page so the audio thread does not fault them in.</summary>
    public void Warm() => Array.Clear(_buffer);

    /// <summary>Writes samples (producer: the audio thread). All or nothing: a block that does not fit is dropped.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        long written = _written;
        long free = _buffer.Length - (written - Volatile.Read(ref _read));
        if (samples.Length > free)
        {
            _dropped += samples.Length;
            return;
        }

        int start = (int)(written & _mask);
        int first = Math.Min(samples.Length, _buffer.Length - start);
        samples.Slice(0, first).CopyTo(_buffer.AsSpan(start));
        samples.Slice(first).CopyTo(_buffer);
        Volatile.Write(ref _written, written + samples.Length);
    }

    /// <summary>Reads up to <paramref name="destination"/>'s length (consumer: one non-real-time thread); returns the count.</summary>
    public int Read(Span<float> destination)
    {
        long read = _read;
        int n = (int)Math.Min(destination.Length, Volatile.Read(ref _written) - read);
        int start = (int)(read & _mask);
        int first = Math.Min(n, _buffer.Length - start);
        _buffer.AsSpan(start, first).CopyTo(destination);
        _buffer.AsSpan(0, n - first).CopyTo(destination.Slice(first));
        Volatile.Write(ref _read, read + n);
        return n;
    }
}
