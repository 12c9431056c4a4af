namespace GruPedalPi.Firmware.Tuning;

/// <summary>What the tuner's analysis thread publishes after each block (a plain value for a
/// <see cref="Engine.SeqLockValue{T}"/>: no references).</summary>
/// <param name="HasPitch">True when a pitched note is heard.</param>
/// <param name="Stable">True when the last detections agree within 3 cents.</param>
/// <param name="FrequencyHz">The median pitch in Hz, 38..1400 (0 without a pitch).</param>
/// <param name="Detections">Detections since the tuner was engaged.</param>
internal readonly record struct TunerFrame(bool HasPitch, bool Stable, float FrequencyHz, long Detections);
