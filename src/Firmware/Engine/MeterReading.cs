namespace GruPedalPi.Firmware.Engine;

/// <summary>One published window of a <see cref="LevelMeter"/>.</summary>
/// <param name="Peak">The largest absolute sample of the window, linear full scale (1 = 0 dBFS), 0..1 for a clean
/// signal (more when a stage overshoots; a non-finite sample counts as 1).</param>
/// <param name="MeanSquare">The window's mean square, linear (a full-scale sine is 0.5).</param>
/// <param name="Clips">Samples at or above <see cref="LevelMeter.ClipLevel"/> since the meter was reset (cumulative:
/// a reader that sees it grow knows the signal clipped in between).</param>
/// <param name="Windows">Windows published since the meter was reset (a reader that sees it stand still knows the audio
/// stopped).</param>
public readonly record struct MeterReading(float Peak, float MeanSquare, long Clips, long Windows)
{
    /// <summary>The floor of the dBFS figures: silence reads this, -120 dBFS.</summary>
    public const float FloorDbfs = -120f;

    /// <summary>The window's peak in dBFS, <see cref="FloorDbfs"/>..about +12.</summary>
    public float PeakDbfs => Peak > 1e-6f ? MathF.Max(FloorDbfs, 20f * MathF.Log10(Peak)) : FloorDbfs;

    /// <summary>The window's RMS in dBFS (a full-scale sine reads -3.0), <see cref="FloorDbfs"/>..about +12.</summary>
    public float RmsDbfs => MeanSquare > 1e-12f ? MathF.Max(FloorDbfs, 10f * MathF.Log10(MeanSquare)) : FloorDbfs;
}
