namespace GruPedalPi.Dsp;

/// <summary>
/// Doubles the sample rate with a linear-phase lowpass FIR in polyphase form (two branches on the input stream,
/// no multiplications by stuffed zeros). Group delay (N-1)/2 samples at the output rate. Streaming: the history
/// carries across blocks, so the output does not depend on block sizes.
/// <para>The dual of <see cref="Decimator2x"/>, whose set-up it mirrors on purpose (see there).</para>
/// </summary>
public sealed class Interpolator2x
{
    private readonly FirPhase _even;
    private readonly FirPhase _odd;
    private readonly int _history;
    private float[] _buffer = [];

    /// <summary>Creates the interpolator for lowpass taps (odd length, unity DC gain, designed at the output rate).</summary>
    public Interpolator2x(double[] taps)
    {
        ArgumentNullException.ThrowIfNull(taps);
        if (taps.Length % 2 == 0)
        {
            throw new ArgumentException("The interpolation filter must have an odd number of taps.", nameof(taps));
        }

        TapCount = taps.Length;
        _even = FirPhase.FromTaps(taps, 0, 2, 2.0, 0);
        _odd = FirPhase.FromTaps(taps, 1, 2, 2.0, 0);
        _history = Math.Max(_even.HistoryNeeded, _odd.HistoryNeeded);
    }

    /// <summary>Length of the full filter.</summary>
    public int TapCount { get; }

    /// <summary>Multiplications per input sample.</summary>
    public int MultipliesPerInput => _even.Length + _odd.Length;

    /// <summary>Group delay in samples at the output rate: (N-1)/2.</summary>
    public int LatencySamplesAtOutputRate => (TapCount - 1) / 2;

    /// <summary>Allocates the history for blocks of up to maxInputBlock input samples (1..65536).</summary>
    public void Prepare(int maxInputBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInputBlock);
        _buffer = new float[_history + maxInputBlock];
    }

    /// <summary>Clears the history.</summary>
    public void Reset() => Array.Clear(_buffer);

    /// <summary>Interpolates input (n samples, n up to the prepared maximum) into output (2n samples).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int n = input.Length;
        var buffer = _buffer;
        input.CopyTo(buffer.AsSpan(_history, n));
        for (int i = 0; i < n; i++)
        {
            int index = _history + i;
            output[2 * i] = _even.Output(buffer, index);
            output[(2 * i) + 1] = _odd.Output(buffer, index);
        }

        buffer.AsSpan(n, _history).CopyTo(buffer);
    }
}
