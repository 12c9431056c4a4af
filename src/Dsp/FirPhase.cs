namespace GruPedalPi.Dsp;

/// <summary>
/// One polyphase branch of a FIR: y[n] = sum over t of taps[t] * x[n - Offset - t], with leading and trailing zero
/// taps trimmed (a halfband's pure-delay branch becomes one tap). The taps are stored reversed, so that the
/// window of history the branch reads is contiguous and ascending in time.
/// </summary>
internal readonly struct FirPhase
{
    private FirPhase(float[] reversedTaps, int offset)
    {
        ReversedTaps = reversedTaps;
        Offset = offset;
    }

    /// <summary>The taps, last tap first.</summary>
    public float[] ReversedTaps { get; }

    /// <summary>Delay of the first (nonzero) tap in samples of the branch's input.</summary>
    public int Offset { get; }

    /// <summary>Number of taps.</summary>
    public int Length => ReversedTaps.Length;

    /// <summary>How many past input samples the branch reads beyond the current one.</summary>
    public int HistoryNeeded => Offset + ReversedTaps.Length - 1;

    /// <summary>Builds the branch taps[start], taps[start+step], ... scaled by gain, with an extra input delay.</summary>
    public static FirPhase FromTaps(double[] taps, int start, int step, double gain, int extraOffset)
    {
        var list = new List<double>();
        for (int j = start; j < taps.Length; j += step)
        {
            list.Add(taps[j] * gain);
        }

        int first = 0;
        while (first < list.Count - 1 && list[first] == 0)
        {
            first++;
        }

        int last = list.Count - 1;
        while (last > first && list[last] == 0)
        {
            last--;
        }

        // Branches longer than 4 taps are padded with zero taps at their old end to a multiple of 8, so that the vector
        // dot product has no scalar tail (a zero tap times a finite history sample adds exactly nothing).
        int length = last - first + 1;
        int padded = length > 4 ? (length + 7) & ~7 : length;
        var reversed = new float[padded];
        for (int t = first; t <= last; t++)
        {
            reversed[padded - 1 - (t - first)] = (float)list[t];
        }

        return new FirPhase(reversed, first + extraOffset);
    }

    /// <summary>The branch's output for the input sample at <paramref name="index"/> of <paramref name="history"/>
    /// (which holds at least <see cref="HistoryNeeded"/> samples before it).</summary>
    public float Output(float[] history, int index)
    {
        int start = index - Offset - (ReversedTaps.Length - 1);
        return VectorMath.Dot(ReversedTaps, new ReadOnlySpan<float>(history, start, ReversedTaps.Length));
    }
}
