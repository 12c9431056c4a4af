namespace GruPedalPi.Dsp;

/// <summary>
/// Halves the sample rate with a linear-phase lowpass FIR in polyphase form (the input is split into its even and
/// odd samples; only the kept outputs are computed). Group delay (N-1)/2 samples at the input rate. Streaming.
/// <para>Its set-up mirrors <see cref="Interpolator2x"/> (the same two <see cref="FirPhase"/> branches and history) on
/// purpose: the two are duals, one splitting a stream and the other merging one, and sharing a base would put a
/// virtual call or a branch on the oversampler's per-sample path.</para>
/// </summary>
public sealed class Decimator2x
{
    private readonly FirPhase _even;
    private readonly FirPhase _odd;
    private readonly int _history;
    private float[] _evenBuffer = [];
    private float[] _oddBuffer = [];

    /// <summary>Creates the decimator for lowpass taps (odd length, unity DC gain, designed at the input rate).</summary>
    public Decimator2x(double[] taps)
    {
        ArgumentNullException.ThrowIfNull(taps);
        if (taps.Length % 2 == 0)
        {
            throw new ArgumentException("The decimation filter must have an odd number of taps.", nameof(taps));
        }

        TapCount = taps.Length;
        // y[n] = sum_i h[2i] v[2(n-i)] + sum_i h[2i+1] v[2(n-i-1)+1]: the odd branch reads the odd stream one sample late.
        _even = FirPhase.FromTaps(taps, 0, 2, 1.0, 0);
        _odd = FirPhase.FromTaps(taps, 1, 2, 1.0, 1);
        _history = Math.Max(_even.HistoryNeeded, _odd.HistoryNeeded);
    }

    /// <summary>Length of the full filter.</summary>
    public int TapCount { get; }

    /// <summary>Multiplications per output sample.</summary>
    public int MultipliesPerOutput => _even.Length + _odd.Length;

    /// <summary>Group delay in samples at the input rate: (N-1)/2.</summary>
    public int LatencySamplesAtInputRate => (TapCount - 1) / 2;

    /// <summary>Allocates the history for blocks of up to maxOutputBlock output samples (1..65536).</summary>
    public void Prepare(int maxOutputBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOutputBlock);
        _evenBuffer = new float[_history + maxOutputBlock];
        _oddBuffer = new float[_history + maxOutputBlock];
    }

    /// <summary>Clears the history.</summary>
    public void Reset()
    {
        Array.Clear(_evenBuffer);
        Array.Clear(_oddBuffer);
    }

    /// <summary>Decimates input (2n samples) into output (n samples, n up to the prepared maximum).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int n = output.Length;
        var even = _evenBuffer;
        var odd = _oddBuffer;
        for (int i = 0; i < n; i++)
        {
            even[_history + i] = input[2 * i];
            odd[_history + i] = input[(2 * i) + 1];
        }

        for (int i = 0; i < n; i++)
        {
            int index = _history + i;
            output[i] = _even.Output(even, index) + _odd.Output(odd, index);
        }

        even.AsSpan(n, _history).CopyTo(even);
        odd.AsSpan(n, _history).CopyTo(odd);
    }
}
