namespace GruPedalPi.Firmware.Presets;

/// <summary>The set list at one moment.</summary>
/// <param name="Names">The ordered preset names (a name may repeat).</param>
/// <param name="IsDefault">True when there is no set list file and the factory order is used.</param>
/// <param name="Error">When <c>setlist.json</c> is bad: why (the factory order is used until it is fixed).</param>
public sealed record SetListSnapshot(IReadOnlyList<string> Names, bool IsDefault, PresetError? Error);
