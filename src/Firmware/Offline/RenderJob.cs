using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Offline;

/// <summary>What to render and how.</summary>
/// <param name="Settings">Every parameter, set with <c>SetAll(settings, immediate: true)</c> before the first sample.</param>
/// <param name="Chain">Structural options of the chain; <see cref="ChainOptions.Channels"/> is taken from the input.</param>
/// <param name="Raw">The seed's unit alone (exact math, no other stage, no smoothing) instead of the chain.</param>
/// <param name="CompensateLatency">Trim the chain's latency from the start and flush the tail, so that the output has
/// the input's length and lines up with it sample for sample (the default).</param>
public sealed record RenderJob(PedalSettings Settings, ChainOptions Chain, bool Raw = false, bool CompensateLatency = true);
