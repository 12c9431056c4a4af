using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Core;

/// <summary>A preset reached in the set list.</summary>
/// <param name="Name">The preset's name.</param>
/// <param name="Settings">Its parameters.</param>
/// <param name="Position">Its position in the set list, 1-based (1..Count); 0 when it is not in the set list.</param>
/// <param name="Count">The number of presets in the set list.</param>
public readonly record struct PresetStep(string Name, PedalSettings Settings, int Position, int Count)
{
    /// <summary>What the expression pedal drives in this preset, or null for the configuration's default.</summary>
    public ExpressionMapping? Expression { get; init; }
}
