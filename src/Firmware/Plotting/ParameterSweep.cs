using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Offline;

namespace GruPedalPi.Firmware.Plotting;

/// <summary>One unit parameter and the values a figure draws it at (<c>--sweep wf=0,5,10</c>).</summary>
/// <param name="Parameter">The parameter (one of wf, wh, uf, uh, bf).</param>
/// <param name="Values">Its values, each within the parameter's preset range.</param>
public sealed record ParameterSweep(ParameterId Parameter, IReadOnlyList<float> Values)
{
    /// <summary>Most values one figure draws (one colour each).</summary>
    public const int MaxValues = 8;

    /// <summary>Parses <c>NAME=V1,V2,...</c> (canonical or friendly name). Throws <see cref="UsageException"/> naming the problem.</summary>
    public static ParameterSweep Parse(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1)
        {
            throw new UsageException($"--sweep: \"{text}\" is not NAME=V1,V2,... (e.g. wf=0,5,10)");
        }

        var name = text[..eq];
        if (!Parameters.TryFind(name, out var info) || !ParameterText.IsUnitParameter(info.Id))
        {
            throw new UsageException($"--sweep: \"{name}\" is not one of the unit's parameters wf, wh, uf, uh, bf");
        }

        var parts = text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > MaxValues)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--sweep: give 1 to {MaxValues} values for {info.Name}"));
        }

        var values = parts.Select(p => ParameterText.ParseValue(info, $"--sweep {info.Name}", p)).ToArray();
        return new ParameterSweep(info.Id, values);
    }
}
