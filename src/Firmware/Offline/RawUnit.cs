using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Offline;

/// <summary>
/// The seed's unit alone, for <c>render --raw</c> and the plots: <see cref="MinimalGatedUnit"/> with exact math, no
/// oversampling, gain, filter or mix, parameters fixed from the first sample (no smoothing), starting from rest (y1 = 0).
/// </summary>
internal sealed class RawUnit
{
    private readonly MinimalGatedUnit _unit;

    /// <summary>Creates the unit with the five unit parameters of <paramref name="settings"/>.</summary>
    public RawUnit(in PedalSettings settings)
    {
        _unit = new MinimalGatedUnit(settings, fastMath: false);
    }

    /// <summary>Processes a block in place; the state carries over from block to block.</summary>
    public void Process(Span<float> block) => _unit.Process(block);
}
