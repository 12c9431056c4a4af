namespace GruPedalPi.Firmware.Offline;

/// <summary>What a render did.</summary>
/// <param name="Frames">Frames written (equal to the input's).</param>
/// <param name="SampleRateHz">Sample rate of input and output, in Hz.</param>
/// <param name="Channels">Channels of input and output.</param>
/// <param name="LatencySamples">The chain's latency in samples (0 for --raw), trimmed from the start unless the job keeps it.</param>
/// <param name="InputPeak">Largest absolute input sample.</param>
/// <param name="OutputPeak">Largest absolute output sample.</param>
/// <param name="Elapsed">Wall-clock time of the render.</param>
public sealed record RenderReport(
    long Frames,
    int SampleRateHz,
    int Channels,
    int LatencySamples,
    float InputPeak,
    float OutputPeak,
    TimeSpan Elapsed)
{
    /// <summary>Seconds of audio rendered per second of wall-clock time.</summary>
    public double RealTimeFactor => Elapsed.TotalSeconds > 0 ? Frames / (double)SampleRateHz / Elapsed.TotalSeconds : double.PositiveInfinity;
}
