namespace GruPedalPi.Dsp;

/// <summary>
/// The factory presets: the original plugin's defaults and the parameter sets of the seed's figures
/// (the Wh/Wf/Uf/Uh/bf curves and the two harmonic responses), named for a guitarist.
/// The order is the built-in set list.
/// </summary>
public static class FactoryPresets
{
    /// <summary>All factory presets, in set-list order.</summary>
    public static IReadOnlyList<FactoryPreset> All { get; } =
    [
        Make("Plugin Default", "The original plugin's defaults.", 0.5f, 1f, 0.5f, 0.5f, 0f),
        Make("Odd Fuzz", "The seed's odd-harmonics figure: bf=5, Wf=Uf=Uh=0.", 0f, 2f, 0f, 0f, 5f),
        Make("Tube Grit", "The seed's odd-and-even-harmonics figure: Wf=5, Uf=2.", 5f, 2f, 2f, 0f, 0f),
        Make("Clean Boost", "The seed's Wh figure at its lowest drive (Wh=0.2).", 0f, 0.2f, 0f, 0f, 0f),
        Make("Hot Drive", "The seed's Wh figure at its higher drive (Wh=1.5).", 0f, 1.5f, 0f, 0f, 0f),
        Make("Squashed", "The seed's Wf figure at its maximum (Wf=10).", 10f, 2f, 0f, 0f, 0f),
        Make("Wide Sag", "The seed's Uf figure (Uf=4): wide hysteresis between the paths.", 0f, 2f, 4f, 0f, 0f),
        Make("Lopsided", "The seed's Uh figure at its maximum (Uh=4).", 0f, 2f, 0f, 4f, 0f),
    ];

    /// <summary>Finds a factory preset by name, ignoring case.</summary>
    public static FactoryPreset? Find(string name)
    {
        foreach (var p in All)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }

    private static FactoryPreset Make(string name, string notes, float wf, float wh, float uf, float uh, float bf)
    {
        var s = PedalSettings.Defaults;
        s[ParameterId.Wf] = wf;
        s[ParameterId.Wh] = wh;
        s[ParameterId.Uf] = uf;
        s[ParameterId.Uh] = uh;
        s[ParameterId.Bf] = bf;
        return new FactoryPreset(name, notes, s);
    }
}
