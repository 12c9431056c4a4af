namespace GruPedalPi.Dsp;

/// <summary>Quality of the anti-aliasing filters of the oversampler.</summary>
public enum OversamplingQuality
{
    /// <summary>The default: 90 dB anti-aliasing filters. Total alias energy at most -80 dBc (Wh=5, 5 kHz sine at 0.5,
    /// 48 kHz) at the default factor 2 (measured -82.9 dBc; -122 dBc at 4x and 8x); latency 69/76/78 samples at 2x/4x/8x.</summary>
    Standard = 0,
    /// <summary>The highest quality: 125 dB filters. Total alias energy at most -100 dBc at factor 8 (measured -122.8 dBc,
    /// the float32 floor); latency 98/107/110 samples at 2x/4x/8x.</summary>
    High = 1,
    /// <summary>Minimum-phase filters for the least delay (<c>"low-latency"</c>): group delay at 1 kHz of 3 samples or
    /// less at 2x, 5 or less at 4x and 8x; passband within 0.1 dB to 18 kHz at 48 kHz; alias energy -70 dBc or less at
    /// 2x, -90 dBc or less at 4x. See docs/sound.md.</summary>
    LowLatency = 2,
}
