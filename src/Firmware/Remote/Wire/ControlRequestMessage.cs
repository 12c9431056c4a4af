using System.Text.Json;
using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>
/// A request of the control socket: the version, the command and every field any command takes (the protocol's
/// fields share one namespace: <c>name</c> is a preset for <c>preset.load</c> and a target for <c>midi.learn</c>).
/// The clients build their requests from it (<see cref="ControlRequestBuilder"/>); the server reads requests with its
/// allocation-free <see cref="ControlRequestParser"/>, and <c>WireContractTests</c> holds the parser to exactly these
/// fields. Absent fields are left out of the line.
/// </summary>
public sealed record ControlRequestMessage
{
    /// <summary>The protocol version (1).</summary>
    [JsonPropertyOrder(-3)]
    public int V { get; init; } = ControlProtocol.Version;

    /// <summary>An id the response echoes; null for none.</summary>
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Id { get; init; }

    /// <summary>The command's wire name (<see cref="ControlCommandNames"/>); the builder sets it.</summary>
    [JsonPropertyOrder(-1)]
    public string Cmd { get; init; } = "";

    /// <summary><c>get</c>, <c>set</c>: a parameter's name (canonical or friendly).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Param { get; init; }

    /// <summary><c>set</c>: the value, in the parameter's range; <c>midi.learn</c>: seconds to wait, 1..300;
    /// <c>tuner</c>: the A4 reference, 430..450 Hz.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Value { get; init; }

    /// <summary><c>bypass</c>, <c>tuner</c>: on, off or toggle.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? State { get; init; }

    /// <summary>A preset's name (<c>preset.*</c>, <c>setlist.add</c>), a name or a position (<c>setlist.remove</c>,
    /// <c>setlist.move</c>), or a parameter or action (<c>midi.learn</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary><c>preset.rename</c>: the new name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? To { get; init; }

    /// <summary><c>preset.save</c>: the preset to copy.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? From { get; init; }

    /// <summary><c>preset.save</c>: the notes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Notes { get; init; }

    /// <summary><c>setlist.set</c>: the presets in order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary><c>setlist.add</c>, <c>setlist.move</c>: a position, 1..count (+1 to append).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Position { get; init; }

    /// <summary><c>preset.save</c>: a preset object, as in a file.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Preset { get; init; }

    /// <summary><c>midi.forget</c>: a Control Change number, 0..127.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Cc { get; init; }

    /// <summary><c>midi.monitor</c>: the <c>next</c> of the previous answer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Since { get; init; }

    /// <summary><c>expression.calibrate</c>: the heel-down reading, 0..1023.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Heel { get; init; }

    /// <summary><c>expression.calibrate</c>: the toe-down reading, 0..1023.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Toe { get; init; }

    /// <summary><c>preset.save</c>: whether to replace a preset of that name (default true).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Replace { get; init; }
}
