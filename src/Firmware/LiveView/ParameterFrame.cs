namespace GruPedalPi.Firmware.LiveView;

/// <summary>One parameter of a <see cref="MonitorFrame"/> and the knob that turns it.</summary>
/// <param name="Name">The parameter's canonical name ("wh").</param>
/// <param name="Value">The value the pedal plays, in the parameter's range.</param>
/// <param name="KnobPosition">The knob's position, 0..1, or null when no knob turns this parameter.</param>
/// <param name="KnobWaiting">True while the knob waits for pickup.</param>
public sealed record ParameterFrame(string Name, double Value, double? KnobPosition, bool KnobWaiting);
