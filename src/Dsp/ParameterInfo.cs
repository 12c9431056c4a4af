namespace GruPedalPi.Dsp;

/// <summary>Describes one pedal parameter: its names, ranges and meaning.</summary>
/// <param name="Id">The parameter.</param>
/// <param name="Name">The seed's or canonical name, used in events, presets and files (<c>wf</c>, <c>input_gain_db</c>).</param>
/// <param name="FriendlyName">The guitarist's name, accepted everywhere the canonical one is (<c>drive</c>).</param>
/// <param name="KnobMin">Lower end of the knob range (the original plugin's range for the unit).</param>
/// <param name="KnobMax">Upper end of the knob range.</param>
/// <param name="PresetMin">Lowest value a preset or the socket may set (the seed's figures go beyond the knobs).</param>
/// <param name="PresetMax">Highest value a preset or the socket may set.</param>
/// <param name="Default">The default value (the original plugin's for the unit; neutral for the other stages).</param>
/// <param name="Unit">Display unit ("dB", "" for none).</param>
/// <param name="Description">What the parameter does to the sound.</param>
public sealed record ParameterInfo(
    ParameterId Id,
    string Name,
    string FriendlyName,
    float KnobMin,
    float KnobMax,
    float PresetMin,
    float PresetMax,
    float Default,
    string Unit,
    string Description)
{
    /// <summary>True for parameters added after the first preset schema (the noise gate's): a preset file may leave
    /// them out, and then they take their <see cref="Default"/> (so old preset files load unchanged).</summary>
    public bool OptionalInPresets { get; init; }
}
