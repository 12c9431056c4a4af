namespace GruPedalPi.Dsp;

/// <summary>A preset that ships with the program (read-only).</summary>
/// <param name="Name">The name a guitarist sees.</param>
/// <param name="Notes">Where the settings come from and how they sound.</param>
/// <param name="Settings">Every parameter of the chain.</param>
public sealed record FactoryPreset(string Name, string Notes, PedalSettings Settings);
