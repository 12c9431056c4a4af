using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Presets;

/// <summary>A preset: a name the player chose, every parameter of the chain, and optional notes.</summary>
/// <param name="Name">The preset's true name (free text, 1..64 characters, see <see cref="PresetNames"/>).</param>
/// <param name="Settings">Every parameter, each within its preset range (<see cref="ParameterInfo.PresetMin"/>..<see cref="ParameterInfo.PresetMax"/>).</param>
/// <param name="Notes">Free text for the player, or null (at most <see cref="PresetFormat.MaxNotesLength"/> characters).</param>
public sealed record Preset(string Name, PedalSettings Settings, string? Notes)
{
    /// <summary>True when both hold exactly the same values for every parameter.</summary>
    public static bool SameSettings(in PedalSettings a, in PedalSettings b)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (a[(ParameterId)i].CompareTo(b[(ParameterId)i]) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
