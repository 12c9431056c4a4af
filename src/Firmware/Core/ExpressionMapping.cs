using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Core;

/// <summary>What the expression pedal drives (<c>"expression": {"parameter": "drive", "heel": 0.5, "toe": 4}</c>
/// in a preset file or the configuration): <paramref name="Parameter"/> goes from <paramref name="Heel"/> (pedal
/// back) to <paramref name="Toe"/> (pedal forward), linearly; both within the parameter's preset range (heel may be
/// above toe for a reversed sweep).</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Heel">Value at the heel, in the parameter's unit.</param>
/// <param name="Toe">Value at the toe, in the parameter's unit.</param>
public sealed record ExpressionMapping(ParameterId Parameter, float Heel, float Toe)
{
    /// <summary>The value at pedal position <paramref name="position"/> (0 heel .. 1 toe, clamped).</summary>
    public float ToValue(double position) => (float)(Heel + (Toe - Heel) * Math.Clamp(position, 0, 1));

    /// <summary>The pedal position 0..1 that gives <paramref name="value"/> (clamped; 0 when heel equals toe).</summary>
    public double ToPosition(float value) => Toe == Heel ? 0 : Math.Clamp((value - Heel) / (double)(Toe - Heel), 0, 1);

    /// <summary>Resolves and checks a mapping by parameter name; null with <paramref name="error"/> naming the field
    /// (relative to <paramref name="field"/>) when it is not valid.</summary>
    public static ExpressionMapping? TryCreate(string? parameter, double heel, double toe, string field, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(parameter) || !Parameters.TryFind(parameter, out var info))
        {
            error = $"{field}.parameter: unknown parameter \"{parameter}\" (one of {string.Join(", ", Parameters.All.Select(p => p.Name))}, or their friendly names)";
            return null;
        }

        foreach (var (name, v) in new[] { ("heel", heel), ("toe", toe) })
        {
            if (!double.IsFinite(v) || v < info.PresetMin || v > info.PresetMax)
            {
                error = $"{field}.{name}: {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} is outside {info.Name}'s range {info.PresetMin.ToString(System.Globalization.CultureInfo.InvariantCulture)}..{info.PresetMax.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                return null;
            }
        }

        return new ExpressionMapping(info.Id, (float)heel, (float)toe);
    }
}
