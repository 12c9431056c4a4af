using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Presets;

/// <summary>A preset: a name the player chose, every parameter of the chain, and optional notes.</summary>
/// <param name="Name">The preset's true name (free text, 1..64 characters, see <see cref="PresetNames"/>).</param>
/// <param name="Settings">Every parameter, each within its preset range (<see cref="ParameterInfo.PresetMin"/>..<see cref="ParameterInfo.PresetMax"/>).</param>
/// <param name="Notes">Free text for the player, or null (at most <see cref="PresetFormat.MaxNotesLength"/> characters).</param>
public sealed record Preset(string Name, PedalSettings Settings, string? Notes)
{
    /// <summary>The MIDI program that loads it (<c>"midi"</c> in the file), or null: Program Change n then loads set-list position n + 1.</summary>
    public PresetMidi? Midi { get; init; }

    /// <summary>What the expression pedal drives in this preset (<c>"expression"</c> in the file), or null for the configuration's default.</summary>
    public ExpressionMapping? Expression { get; init; }

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
