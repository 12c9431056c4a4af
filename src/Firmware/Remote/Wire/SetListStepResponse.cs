namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>setlist.next</c>, <c>setlist.previous</c>: the preset loaded.</summary>
public sealed record SetListStepResponse : ControlResponse
{
    /// <summary>Its name.</summary>
    public string Preset { get; init; } = "";

    /// <summary>Its position, 1..count.</summary>
    public int Position { get; init; }

    /// <summary>The set list's length.</summary>
    public int Count { get; init; }
}
