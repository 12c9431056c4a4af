using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// What one scenario line does to the simulated pedal, shared by the simulator (virtual time) and
/// <c>gru-pedal run --scenario</c> (real time): the callers only decide when the surface runs next.
/// </summary>
public static class ScenarioActions
{
    /// <summary>Applies a step: a knob's raw value or noise, a GPIO level, a preset load (as from the socket), a fault, or a
    /// MIDI message (queued in the surface's inbox as a MIDI input would).</summary>
    /// <param name="step">The scenario line.</param>
    /// <param name="hardware">Simulated control hardware (knobs, footswitch).</param>
    /// <param name="surface">The control surface (fault LED).</param>
    /// <param name="navigator">Where preset names are looked up.</param>
    /// <param name="pedal">The pedal a preset is loaded into.</param>
    public static void Apply(ScenarioStep step, ControlHardware hardware, ControlSurface surface, IPresetNavigator navigator, IPedalControl pedal)
    {
        switch (step.Kind)
        {
            case ScenarioStepKind.Adc:
                hardware.SetSimulatedKnob(step.Target, step.Value);
                break;
            case ScenarioStepKind.Noise:
                hardware.SetSimulatedNoise(step.Target, step.Value);
                break;
            case ScenarioStepKind.Gpio:
                hardware.SetSimulatedGpio(step.Target, step.Value != 0);
                break;
            case ScenarioStepKind.Preset:
                if (navigator.TryFind(step.Name!, out var preset))
                {
                    pedal.LoadPreset(preset.Name, preset.Settings, ControlSource.Socket);
                }

                break;
            case ScenarioStepKind.MidiProgram:
            case ScenarioStepKind.MidiControl:
                if (surface.Inbox is { } inbox)
                {
                    var channel = Math.Max(0, surface.Midi!.Map.Channel);
                    var message = step.Kind == ScenarioStepKind.MidiProgram
                        ? Hardware.Midi.MidiMessage.ProgramChange(channel, step.Target)
                        : Hardware.Midi.MidiMessage.ControlChange(channel, step.Target, step.Value);
                    inbox.OnMidi(message, hardware.Time.GetTimestamp());
                }

                break;
            case ScenarioStepKind.Fault:
                if (step.Value != 0)
                {
                    surface.SetFault("scenario");
                }
                else
                {
                    surface.ClearFault();
                }

                break;
        }
    }
}
