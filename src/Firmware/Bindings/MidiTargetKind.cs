namespace GruPedalPi.Firmware.Bindings;

/// <summary>What a mapped Control Change does.</summary>
public enum MidiTargetKind
{
    /// <summary>Nothing (not mapped).</summary>
    None,
    /// <summary>Sets a parameter: 0..127 across its knob range, with its taper.</summary>
    Parameter,
    /// <summary>A switch: 64..127 bypassed, 0..63 engaged.</summary>
    Bypass,
    /// <summary>A switch: 64..127 effect on, 0..63 bypassed.</summary>
    Engage,
    /// <summary>Toggles bypass each time the value goes from below 64 to 64 or more.</summary>
    BypassToggle,
    /// <summary>Next set-list preset when the value goes from below 64 to 64 or more.</summary>
    NextPreset,
    /// <summary>Previous set-list preset when the value goes from below 64 to 64 or more.</summary>
    PreviousPreset,
    /// <summary>Engages or leaves the tuner when the value goes from below 64 to 64 or more.</summary>
    Tuner,
}
