namespace GruPedalPi.Firmware.Signals;

/// <summary>The sine test signal of the seed's figures: <c>x[n] = gain * sin(2 pi f n / fs)</c>, starting at n = 0.</summary>
public static class SineSignal
{
    /// <summary>Creates <paramref name="samples"/> samples of a sine.</summary>
    /// <param name="gain">Amplitude (the seed uses 1.5, 2 or 8).</param>
    /// <param name="frequencyHz">Frequency in Hz, above 0 and below half the rate.</param>
    /// <param name="sampleRateHz">Sample rate in Hz.</param>
    /// <param name="samples">Length in samples.</param>
    public static float[] Create(double gain, double frequencyHz, double sampleRateHz, int samples)
    {
        var x = new float[samples];
        for (int n = 0; n < samples; n++)
        {
            x[n] = (float)(gain * Math.Sin(2 * Math.PI * frequencyHz * n / sampleRateHz));
        }

        return x;
    }
}
