namespace GruPedalPi.Dsp;

/// <summary>A delay of a whole number of samples (a ring buffer), used to align the dry path with the wet one.</summary>
public sealed class IntegerDelay : IAudioStage
{
    private readonly int _delaySamples;
    private readonly float[] _ring;
    private int _position;

    /// <summary>Creates a delay of delaySamples (0..1,000,000; 0 passes the signal through).</summary>
    public IntegerDelay(int delaySamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delaySamples);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delaySamples, 1_000_000);
        _delaySamples = delaySamples;
        _ring = new float[Math.Max(1, delaySamples)];
    }

    /// <summary>The delay in samples.</summary>
    public int LatencySamples => _delaySamples;

    /// <summary>Nothing to size (the ring is allocated in the constructor); clears the state.</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize) => Reset();

    /// <summary>Clears the ring.</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _position = 0;
    }

    /// <summary>Delays a block in place.</summary>
    public void Process(Span<float> block)
    {
        if (_delaySamples == 0)
        {
            return;
        }

        var ring = _ring;
        int pos = _position;
        for (int i = 0; i < block.Length; i++)
        {
            float delayed = ring[pos];
            ring[pos] = block[i];
            block[i] = delayed;
            if (++pos == ring.Length)
            {
                pos = 0;
            }
        }

        _position = pos;
    }
}
