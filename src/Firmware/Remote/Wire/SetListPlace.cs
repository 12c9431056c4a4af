namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>Where the current sound is in the set list.</summary>
public sealed record SetListPlace
{
    /// <summary>1..count; 0 when the current sound is in no entry.</summary>
    public int Position { get; init; }

    /// <summary>The set list's length, 0..</summary>
    public int Count { get; init; }
}
