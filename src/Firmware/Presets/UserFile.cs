namespace GruPedalPi.Firmware.Presets;

/// <summary>A user preset file (in <c>presets/</c>) as <see cref="PresetFolderState"/> last read or wrote it.</summary>
/// <param name="Stamp">The file's stamp then.</param>
/// <param name="Good">The preset it holds; when the file turned bad, its last good version; null when it never held one.</param>
/// <param name="Error">What is wrong with the file now; null when it is good.</param>
internal sealed record UserFile(FileStamp Stamp, Preset? Good, PresetError? Error);
