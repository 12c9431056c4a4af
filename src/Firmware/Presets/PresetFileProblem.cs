namespace GruPedalPi.Firmware.Presets;

/// <summary>A file in the data folder that is not loaded (or whose last good version is used instead).</summary>
/// <param name="FileName">The file's name (in the presets folder, or <c>setlist.json</c>).</param>
/// <param name="Error">Where and why.</param>
/// <param name="KeptPreset">When the file held a good preset earlier in this run: that preset's name, still in use.</param>
public sealed record PresetFileProblem(string FileName, PresetError Error, string? KeptPreset);
