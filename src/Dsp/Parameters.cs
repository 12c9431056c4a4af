namespace GruPedalPi.Dsp;

/// <summary>The table of all pedal parameters and name look-up (canonical and friendly names).</summary>
public static class Parameters
{
    /// <summary>Number of continuous parameters (the length of <see cref="All"/>).</summary>
    public const int Count = 9;

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
