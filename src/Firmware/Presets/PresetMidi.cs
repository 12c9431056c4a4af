namespace GruPedalPi.Firmware.Presets;

/// <summary>A preset's MIDI program (<c>"midi": {"program": 5, "bank": 0}</c> in its file): a Program Change of
/// <paramref name="Program"/> after Bank Select <paramref name="Bank"/> loads it.</summary>
/// <param name="Program">Program number as sent on the wire, 0..127 (many controllers show it as 1..128).</param>
/// <param name="Bank">Bank (CC 0 * 128 + CC 32), 0..16383; 0 when the controller sends no bank select.</param>
public sealed record PresetMidi(int Program, int Bank);
