namespace GruPedalPi.Firmware.Control;

/// <summary>What a scenario line does.</summary>
public enum ScenarioStepKind
{
    /// <summary><c>adc CHANNEL RAW</c>: sets a knob's input (0..1023).</summary>
    Adc,
    /// <summary><c>gpio PIN 0|1</c>: drives an input (the footswitch: 0 = pressed).</summary>
    Gpio,
    /// <summary><c>preset NAME</c>: loads a preset as the control socket does.</summary>
    Preset,
    /// <summary><c>noise CHANNEL LSB</c>: adds +/-LSB of noise to a knob's input.</summary>
    Noise,
    /// <summary><c>fault on|off</c>: sets or clears the pedal's fault.</summary>
    Fault,
    /// <summary><c>midi pc PROGRAM</c>: a Program Change arrives.</summary>
    MidiProgram,
    /// <summary><c>midi cc CONTROLLER VALUE</c>: a Control Change arrives.</summary>
    MidiControl,
}
