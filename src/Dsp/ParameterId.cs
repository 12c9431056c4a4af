namespace GruPedalPi.Dsp;

/// <summary>The continuous parameters of the pedal chain. Bypass is a separate switch.</summary>
public enum ParameterId
{
    /// <summary>Wf, "Squash": input weight of the gate. Knob 0..10, presets 0..10, default 0.5.</summary>
    Wf = 0,
    /// <summary>Wh, "Drive": input weight of the candidate (the drive). Knob 0.01..5, presets 0..5, default 1.</summary>
    Wh = 1,
    /// <summary>Uf, "Stability": recurrent weight of the gate. Knob 0..5, presets 0..6, default 0.5.</summary>
    Uf = 2,
    /// <summary>Uh, "Asymmetry": recurrent weight of the candidate. Knob 0..2, presets 0..4, default 0.5.</summary>
    Uh = 3,
    /// <summary>bf, "Bias": gate bias. Knob -1..5, presets -1..5, default 0.</summary>
    Bf = 4,
    /// <summary>Input gain in dB before the unit, -24..+24, default 0.</summary>
    InputGainDb = 5,
    /// <summary>Output level in dB after the tone stage, -60..+12, default 0.</summary>
    OutputGainDb = 6,
    /// <summary>Dry/wet mix, 0 (dry) .. 1 (wet), default 1.</summary>
    Mix = 7,
    /// <summary>Tone (tilt), -1 (dark) .. 0 (flat) .. +1 (bright), default 0.</summary>
    Tone = 8,
    /// <summary>Noise gate threshold in dBFS (RMS of the input before the input gain), -96..-20, or off: -100 (the knob's
    /// bottom and the default; anything below -96 is off).</summary>
    GateThresholdDb = 9,
    /// <summary>Noise gate hysteresis in dB (it closes that far below the threshold), 0..20, default 6.</summary>
    GateHysteresisDb = 10,
    /// <summary>Noise gate attack in ms (closed to open), 0.1..10, default 1.</summary>
    GateAttackMs = 11,
    /// <summary>Noise gate hold in ms (open after the level falls), 0..500, default 50.</summary>
    GateHoldMs = 12,
    /// <summary>Noise gate release in ms (open to closed), 5..1000, default 100.</summary>
    GateReleaseMs = 13,
    /// <summary>Noise gate range in dB (the gain when closed), -90..0, default -90.</summary>
    GateRangeDb = 14,
}
