namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>midi.list</c>: the MIDI channel and mappings.</summary>
public sealed record MidiListResponse : ControlResponse
{
    /// <summary>1..16, or omni.</summary>
    public string Channel { get; init; } = "";

    /// <summary>The mapped Control Changes.</summary>
    public IReadOnlyList<MidiMapping> Cc { get; init; } = [];
}
