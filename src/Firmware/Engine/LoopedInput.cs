namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// A preloaded signal played in a loop in place of the device's input (<c>--input-file</c>, the demo's riff).
/// <see cref="Read"/> runs on the audio thread: it only copies from preallocated arrays.
/// </summary>
public sealed class LoopedInput
{
    private readonly float[] _left;
    private readonly float[] _right;
    private int _position;

    /// <summary>Creates the loop. Both channels have the same length (1 or more samples); pass the same array twice for mono.</summary>
    public LoopedInput(float[] left, float[]? right = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(left.Length);
        right ??= left;
        if (right.Length != left.Length)
        {
            throw new ArgumentException("both channels must have the same length", nameof(right));
        }

        _left = left;
        _right = right;
    }

    /// <summary>Samples of the signal per loop (without the gap).</summary>
    public int Length => _left.Length;

    /// <summary>
    /// Silent samples played after each pass of the signal, 0..1000000. The service sets it to the chain's latency, so
    /// the chain's tail of each pass is the same as an offline render's (which pads with that many zeros).
    /// Not while the audio thread reads.
    /// </summary>
    public int GapFrames
    {
        get => _gap;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _gap = value;
        }
    }

    private int _gap;

    /// <summary>Restarts at the first sample. Not while the audio thread reads.</summary>
    public void Rewind() => _position = 0;

    /// <summary>Copies the next samples into <paramref name="left"/> (and <paramref name="right"/> when it is not empty), wrapping around.</summary>
    public void Read(Span<float> left, Span<float> right)
    {
        int done = 0;
        int position = _position;
        int length = _left.Length;
        int period = length + _gap;
        while (done < left.Length)
        {
            int n;
            if (position < length)
            {
                n = Math.Min(left.Length - done, length - position);
                _left.AsSpan(position, n).CopyTo(left.Slice(done));
                if (!right.IsEmpty)
                {
                    _right.AsSpan(position, n).CopyTo(right.Slice(done));
                }
            }
            else
            {
                n = Math.Min(left.Length - done, period - position);
                left.Slice(done, n).Clear();
                if (!right.IsEmpty)
                {
                    right.Slice(done, n).Clear();
                }
            }

            done += n;
            position += n;
            if (position == period)
            {
                position = 0;
            }
        }

        _position = position;
    }
}
