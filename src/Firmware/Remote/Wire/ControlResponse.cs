using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>
/// The envelope every response of the control socket carries; each command's response type adds its result
/// (docs/presets-and-protocol.md). These records are the protocol's definition: the command line and the live view
/// read responses into them with <see cref="WireJsonContext"/>, the server writes the occasional ones from them, and
/// <c>WireContractTests</c> holds the allocation-free writers of the steady commands to the same shapes.
/// </summary>
public abstract record ControlResponse
{
    /// <summary>The protocol version (1).</summary>
    [JsonPropertyOrder(-5)]
    public int V { get; init; } = ControlProtocol.Version;

    /// <summary>The request's id, echoed; absent when the request had none.</summary>
    [JsonPropertyOrder(-4)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Id { get; init; }

    /// <summary>Whether the request succeeded.</summary>
    [JsonPropertyOrder(-3)]
    public bool Ok { get; init; }

    /// <summary>True when the running service answered; false when the command line answered from the files.</summary>
    [JsonPropertyOrder(-2)]
    public bool Service { get; init; }

    /// <summary>What went wrong, when the request failed.</summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ControlError? Error { get; init; }
}
