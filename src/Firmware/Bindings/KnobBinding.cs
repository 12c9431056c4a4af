using GruPedalPi.Dsp;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Bindings;

/// <summary>One knob: the ADC channel it is read from, the parameter it sets and how its rotation maps to it.</summary>
/// <param name="Channel">ADC channel.</param>
/// <param name="Parameter">The parameter.</param>
/// <param name="Mapping">Range and taper.</param>
public sealed record KnobBinding(int Channel, ParameterId Parameter, KnobMapping Mapping);
