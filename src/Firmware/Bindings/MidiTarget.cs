using GruPedalPi.Dsp;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Bindings;

/// <summary>One Control Change's mapping.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Parameter">The parameter (for <see cref="MidiTargetKind.Parameter"/>).</param>
/// <param name="Mapping">0..1 to the parameter's value (the knob's mapping when a knob drives that parameter, else its knob range, linear).</param>
public readonly record struct MidiTarget(MidiTargetKind Kind, ParameterId Parameter, KnobMapping? Mapping)
{
    /// <summary>The name used in files and messages: the parameter's canonical name or the action's.</summary>
    public string Name => Kind switch
    {
        MidiTargetKind.Parameter => Parameters.Get(Parameter).Name,
        MidiTargetKind.Bypass => "bypass",
        MidiTargetKind.Engage => "engage",
        MidiTargetKind.BypassToggle => "bypass-toggle",
        MidiTargetKind.NextPreset => "next-preset",
        MidiTargetKind.PreviousPreset => "previous-preset",
        MidiTargetKind.Tuner => "tuner",
        _ => "none",
    };
}
