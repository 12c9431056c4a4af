namespace GruPedalPi.Hardware.Controls;

/// <summary>What the LED is showing.</summary>
public enum LedMode
{
    /// <summary>Dark: the effect is bypassed.</summary>
    Off,
    /// <summary>Lit: the effect is engaged.</summary>
    On,
    /// <summary>Blinking the set-list position after a preset change (1 to 8 blinks), then back to on/off.</summary>
    Blink,
    /// <summary>Fast blink (10 Hz) while the pedal has a fault.</summary>
    Fault,
}
