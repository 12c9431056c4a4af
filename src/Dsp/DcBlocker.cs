namespace GruPedalPi.Dsp;

/// <summary>
/// Removes DC (the unit's asymmetric settings shift its output's mean): a first-order highpass
/// y = g*(x - x1) + R*y1 with its -3 dB point at <see cref="CutoffHz"/> and unity gain at Nyquist. Zero latency;
/// the state is flushed of subnormals.
/// </summary>
public sealed class DcBlocker : IAudioStage
{
    /// <summary>The -3 dB frequency in Hz.</summary>
    public const double CutoffHz = 10.0;

    private float _r;
    private float _g = 1f;
    private float _x1;
    private float _y1;

    /// <summary>Latency: 0.</summary>
    public int LatencySamples => 0;

    /// <summary>Computes the coefficient for the rate (sampleRateHz &gt; 0) and clears the state.</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        double r = Math.Exp(-2 * Math.PI * CutoffHz / sampleRateHz);
        _r = (float)r;
        _g = (float)((1 + r) / 2);
        Reset();
    }

    /// <summary>Clears the state.</summary>
    public void Reset()
    {
        _x1 = 0f;
        _y1 = 0f;
    }

    /// <summary>Filters in place.</summary>
    public void Process(Span<float> block)
    {
        float r = _r, g = _g, x1 = _x1, y1 = _y1;
        for (int i = 0; i < block.Length; i++)
        {
            float x = block[i];
            float y = MathF.FusedMultiplyAdd(r, y1, g * (x - x1));
            y = MathF.Abs(y) >= GatedUnitMath.FlushThreshold ? y : 0f;
            x1 = x;
            y1 = y;
            block[i] = y;
        }

        _x1 = x1;
        _y1 = y1;
    }
}
