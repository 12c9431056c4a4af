namespace GruPedalPi.Firmware.Latency;

/// <summary>A maximum-length sequence (MLS) of ±1, from a Fibonacci linear-feedback shift register: its circular
/// autocorrelation is N at lag 0 and -1 elsewhere, so a cross-correlation finds its delay to the sample.</summary>
public static class MaximumLengthSequence
{
    /// <summary>The sequence of order 10..16 (2^order - 1 values of +1 or -1), deterministic.</summary>
    public static float[] Generate(int order)
    {
        // Taps of primitive polynomials (bit positions, 1-based) for the orders offered.
        int[] taps = order switch
        {
            10 => [10, 7],
            11 => [11, 9],
            12 => [12, 11, 10, 4],
            13 => [13, 12, 11, 8],
            14 => [14, 13, 12, 2],
            15 => [15, 14],
            16 => [16, 15, 13, 4],
            _ => throw new ArgumentOutOfRangeException(nameof(order), order, "The MLS order must be 10..16."),
        };
        int length = (1 << order) - 1;
        var result = new float[length];
        uint state = 1;
        for (int i = 0; i < length; i++)
        {
            uint bit = 0;
            foreach (int t in taps)
            {
                bit ^= (state >> (t - 1)) & 1u;
            }

            result[i] = (state & 1u) == 1u ? 1f : -1f;
            state = (state >> 1) | (bit << (order - 1));
        }

        return result;
    }
}
