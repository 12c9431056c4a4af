namespace GruPedalPi.Dsp;

/// <summary>Quality of the anti-aliasing filters of the oversampler.</summary>
public enum OversamplingQuality
{
    /// <summary>The default: total alias energy at most -80 dBc (Wh=5, 5 kHz sine at 0.5) at the default factor.</summary>
    Standard = 0,
    /// <summary>The highest quality: total alias energy at most -100 dBc at the highest factor.</summary>
    High = 1,
}
