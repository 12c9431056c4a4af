using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Configuration;

/// <summary>The names of the oversampling qualities on the command line and in the configuration:
/// <c>standard</c>, <c>high</c> and <c>low-latency</c>.</summary>
public static class QualityNames
{
    /// <summary>The accepted names, for messages.</summary>
    public const string List = "standard, high, low-latency";

    /// <summary>Parses a name (ignoring case and surrounding space; <c>low_latency</c> and <c>lowlatency</c> are accepted too).</summary>
    public static bool TryParse(string? text, out OversamplingQuality quality)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "standard":
                quality = OversamplingQuality.Standard;
                return true;
            case "high":
                quality = OversamplingQuality.High;
                return true;
            case "low-latency" or "low_latency" or "lowlatency":
                quality = OversamplingQuality.LowLatency;
                return true;
            default:
                quality = OversamplingQuality.Standard;
                return false;
        }
    }

    /// <summary>The canonical name of a quality.</summary>
    public static string Name(OversamplingQuality quality) => quality switch
    {
        OversamplingQuality.High => "high",
        OversamplingQuality.LowLatency => "low-latency",
        _ => "standard",
    };
}
