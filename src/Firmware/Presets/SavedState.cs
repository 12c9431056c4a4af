using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Presets;

/// <summary>What the pedal was doing when it last saved: restored exactly at boot.</summary>
/// <param name="Preset">The name of the current preset, or null.</param>
/// <param name="Bypassed">True when the effect was bypassed.</param>
/// <param name="Settings">Every parameter as it was (including knob and socket edits after the preset was loaded).</param>
public sealed record SavedState(string? Preset, bool Bypassed, PedalSettings Settings);
