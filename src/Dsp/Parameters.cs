namespace GruPedalPi.Dsp;

/// <summary>The table of all pedal parameters and name look-up (canonical and friendly names).</summary>
public static class Parameters
{
    /// <summary>Number of continuous parameters (the length of <see cref="All"/>).</summary>
    public const int Count = 15;

    /// <summary>All parameters, indexed by <see cref="ParameterId"/>.</summary>
    public static IReadOnlyList<ParameterInfo> All { get; } =
    [
        new(ParameterId.Wf, "wf", "squash", 0f, 10f, 0f, 10f, 0.5f, "",
            "Gate input weight: saturation of the top half of the curve; higher squashes harder."),
        new(ParameterId.Wh, "wh", "drive", 0.01f, 5f, 0f, 5f, 1f, "",
            "Candidate input weight: the drive. Low is clean, high is fuzz."),
        new(ParameterId.Uf, "uf", "stability", 0f, 5f, 0f, 6f, 0.5f, "",
            "Gate recurrent weight: width between the forward and backward paths (hysteresis, sag)."),
        new(ParameterId.Uh, "uh", "asymmetry", 0f, 2f, 0f, 4f, 0.5f, "",
            "Candidate recurrent weight: width of the central part of the curve."),
        new(ParameterId.Bf, "bf", "bias", -1f, 5f, -1f, 5f, 0f, "",
            "Gate bias: with Wf=Uf=Uh=0 and bf=5, odd harmonics; sets the central width with Uh."),
        new(ParameterId.InputGainDb, "input_gain_db", "input", -24f, 24f, -24f, 24f, 0f, "dB",
            "Gain before the unit: how hard the unit is hit."),
        new(ParameterId.OutputGainDb, "output_gain_db", "level", -60f, 12f, -60f, 12f, 0f, "dB",
            "Output level after the tone stage."),
        new(ParameterId.Mix, "mix", "blend", 0f, 1f, 0f, 1f, 1f, "",
            "Dry/wet mix: 0 is the clean signal, 1 only the distortion."),
        new(ParameterId.Tone, "tone", "treble", -1f, 1f, -1f, 1f, 0f, "",
            "Tilt tone: -1 dark, 0 flat, +1 bright."),
        new(ParameterId.GateThresholdDb, "gate_threshold_db", "gate", NoiseGate.OffThresholdDb, -20f, NoiseGate.OffThresholdDb, -20f, NoiseGate.OffThresholdDb, "dB",
            "Noise gate threshold (input RMS, dBFS): -96..-20; -100 (or anything below -96) is off, the default.") { OptionalInPresets = true },
        new(ParameterId.GateHysteresisDb, "gate_hysteresis_db", "gate_hysteresis", 0f, 20f, 0f, 20f, 6f, "dB",
            "Noise gate hysteresis: it closes this far below the threshold.") { OptionalInPresets = true },
        new(ParameterId.GateAttackMs, "gate_attack_ms", "gate_attack", 0.1f, 10f, 0.1f, 10f, 1f, "ms",
            "Noise gate attack: the time from closed to open.") { OptionalInPresets = true },
        new(ParameterId.GateHoldMs, "gate_hold_ms", "gate_hold", 0f, 500f, 0f, 500f, 50f, "ms",
            "Noise gate hold: how long it stays open after the level falls.") { OptionalInPresets = true },
        new(ParameterId.GateReleaseMs, "gate_release_ms", "gate_release", 5f, 1000f, 5f, 1000f, 100f, "ms",
            "Noise gate release: the time from open to closed.") { OptionalInPresets = true },
        new(ParameterId.GateRangeDb, "gate_range_db", "gate_range", -90f, 0f, -90f, 0f, -90f, "dB",
            "Noise gate range: how far it closes (-90 is silent, 0 does nothing).") { OptionalInPresets = true },
    ];

    /// <summary>The description of one parameter.</summary>
    public static ParameterInfo Get(ParameterId id) => All[(int)id];

    /// <summary>Finds a parameter by canonical (<c>wh</c>), friendly (<c>drive</c>) or enum (<c>Wh</c>) name, ignoring case,
    /// with '-' accepted for '_' (<c>input-gain-db</c>).</summary>
    public static bool TryFind(string name, out ParameterInfo info)
    {
        var key = name.Trim().Replace('-', '_');
        foreach (var p in All)
        {
            if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.FriendlyName, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.Id.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                info = p;
                return true;
            }
        }

        info = null!;
        return false;
    }
}
