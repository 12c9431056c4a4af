using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>setlist.show</c>, <c>setlist.set</c>, <c>.add</c>, <c>.remove</c>, <c>.move</c>: the set list.</summary>
public sealed record SetListResponse : ControlResponse
{
    /// <summary>Whether it is the default set list (no setlist.json: every preset in order).</summary>
    public bool Default { get; init; }

    /// <summary>Where the current sound is, 1..count; 0 when in no entry.</summary>
    public int Position { get; init; }

    /// <summary>What is wrong with setlist.json, when something is. On the wire this is the envelope's <c>error</c>
    /// name with a string (the response is <c>ok</c>), so this record hides <see cref="ControlResponse.Error"/>: read a
    /// failed response's error from the envelope (<see cref="BareResponse"/> cannot, a <c>setlist.show</c> answer
    /// is read by <c>ControlCommandLine</c> only once it is known to be <c>ok</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public new string? Error { get; init; }

    /// <summary>The entries in order.</summary>
    public IReadOnlyList<SetListEntry> Setlist { get; init; } = [];
}
