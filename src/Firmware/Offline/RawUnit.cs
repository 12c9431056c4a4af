using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Offline;

/// <summary>
/// The seed's unit alone, for <c>render --raw</c> and the plots: exact math, no oversampling, gain, filter or mix,
/// parameters fixed from the first sample (no smoothing), starting from rest (y1 = 0).
/// </summary>
internal sealed class RawUnit
{
    private readonly PedalChain _unit;

    /// <summary>Creates the unit with the five unit parameters of <paramref name="settings"/>.</summary>
    public RawUnit(in PedalSettings settings)
    {
        // Interim: the placeholder PedalChain runs exactly the seed's formula with MathF (no other stage).
        _unit = new PedalChain(new ChainOptions { OversamplingFactor = 1, FastMath = false, SmoothingMs = 0 });
        _unit.Prepare(44100, 65536);
        _unit.SetAll(settings, immediate: true);
    }

    /// <summary>Processes a block in place; the state carries over from block to block.</summary>
    public void Process(Span<float> block) => _unit.Process(block);
}
