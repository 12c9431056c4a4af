using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Offline;

/// <summary>
/// Parameter values as a user types and reads them: parsed with their preset range checked, and printed in the
/// invariant culture's shortest form. Shared by the command-line options, the figures' legends and the sweeps.
/// </summary>
internal static class ParameterText
{
    /// <summary>True for the five parameters of the minimal gated unit itself (Wf, Wh, Uf, Uh, bf).</summary>
    /// <param name="id">Any parameter of the table.</param>
    /// <returns>Whether it is one of the unit's own.</returns>
    public static bool IsUnitParameter(ParameterId id) => id <= ParameterId.Bf;

    /// <summary>Parses one value for parameter <paramref name="p"/>, checking its preset range.</summary>
    /// <param name="p">The parameter.</param>
    /// <param name="optionName">What the error names (<c>--wf</c>, <c>--sweep wf</c>).</param>
    /// <param name="text">The value as typed, invariant culture.</param>
    /// <returns>The value, within <c>PresetMin..PresetMax</c>.</returns>
    /// <exception cref="UsageException">Not a finite number, or out of the preset range; the message names the option and the range.</exception>
    public static float ParseValue(ParameterInfo p, string optionName, string text)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
        {
            throw new UsageException($"{optionName}: \"{text}\" is not a number (range {Range(p)})");
        }

        if (value < p.PresetMin || value > p.PresetMax)
        {
            throw new UsageException($"{optionName}: {text} is out of range {Range(p)}");
        }

        return value;
    }

    /// <summary>A value as the help prints it (invariant culture, shortest form).</summary>
    /// <param name="value">Any finite value.</param>
    /// <returns>Up to three decimals, no trailing zeros.</returns>
    public static string Format(float value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A parameter's preset range with its unit, as the help and the errors print it (<c>-60..24 dB</c>).</summary>
    /// <param name="p">The parameter.</param>
    /// <returns>The range text.</returns>
    public static string Range(ParameterInfo p) => $"{Format(p.PresetMin)}..{Format(p.PresetMax)}{Suffix(p.Unit)}";

    /// <summary>A unit as printed after a value: empty, or a space and the unit.</summary>
    /// <param name="unit">The parameter's unit, possibly empty.</param>
    /// <returns>The suffix.</returns>
    public static string Suffix(string unit) => unit.Length == 0 ? string.Empty : " " + unit;
}
