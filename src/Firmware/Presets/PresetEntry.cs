namespace GruPedalPi.Firmware.Presets;

/// <summary>One preset as the library resolves it.</summary>
/// <param name="Preset">The preset (for a user file with an error, its last good version).</param>
/// <param name="Origin">Factory, user, or user overriding a factory preset.</param>
/// <param name="FileName">The file in the presets folder, or null for a factory preset.</param>
/// <param name="Problem">For a user file that was good and has since become bad: the error (the last good version is used).</param>
public sealed record PresetEntry(Preset Preset, PresetOrigin Origin, string? FileName, PresetError? Problem);
