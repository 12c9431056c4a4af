using System.Text;
using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Presets;

/// <summary>The canonical and friendly parameter names as UTF-8, for allocation-free JSON reading and writing.</summary>
public static class ParameterNamesUtf8
{
    private static readonly byte[][] Canonical = Parameters.All.Select(p => Encoding.UTF8.GetBytes(p.Name)).ToArray();
    private static readonly byte[][] Friendly = Parameters.All.Select(p => Encoding.UTF8.GetBytes(p.FriendlyName)).ToArray();

    /// <summary>The canonical name (<c>wh</c>, <c>input_gain_db</c>) as UTF-8.</summary>
    public static ReadOnlySpan<byte> Get(ParameterId id) => Canonical[(int)id];

    /// <summary>Finds a parameter by its canonical or friendly name given as UTF-8 (exact, lower case); no allocation.</summary>
    public static bool TryFind(ReadOnlySpan<byte> utf8, out ParameterId id)
    {
        for (var i = 0; i < Canonical.Length; i++)
        {
            if (utf8.SequenceEqual(Canonical[i]) || utf8.SequenceEqual(Friendly[i]))
            {
                id = (ParameterId)i;
                return true;
            }
        }

        id = default;
        return false;
    }
}
