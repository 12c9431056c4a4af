namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>One entry of the set list.</summary>
public sealed record SetListEntry
{
    /// <summary>1..count.</summary>
    public int Position { get; init; }

    /// <summary>The preset's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Whether such a preset exists.</summary>
    public bool Exists { get; init; }
}
