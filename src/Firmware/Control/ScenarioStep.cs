namespace GruPedalPi.Firmware.Control;

/// <summary>One line of a scenario.</summary>
/// <param name="TimeMs">When, in milliseconds from the start.</param>
/// <param name="Kind">What.</param>
/// <param name="Target">The ADC channel, GPIO pin, MIDI program or controller.</param>
/// <param name="Value">The raw value, level, noise amplitude, 1/0 for a fault on/off, or the controller's value.</param>
/// <param name="Name">The preset's name.</param>
/// <param name="Line">The 1-based line number.</param>
public readonly record struct ScenarioStep(double TimeMs, ScenarioStepKind Kind, int Target, int Value, string? Name, int Line);
