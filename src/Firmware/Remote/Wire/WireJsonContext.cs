using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>
/// The source-generated JSON of the control protocol's requests and responses (snake_case names, as on the wire). Readers use
/// <see cref="JsonUnmappedMemberHandling.Skip"/> so that a newer service's extra fields do not break an older
/// command line; <c>WireRecordTests</c> reads the server's every response with <see cref="Strict"/> to catch a field
/// that no record names, or a null where a record says there is none.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BareResponse))]
[JsonSerializable(typeof(ControlRequestMessage))]
[JsonSerializable(typeof(ResponseOutcome))]
[JsonSerializable(typeof(BypassResponse))]
[JsonSerializable(typeof(ExpressionCalibrateResponse))]
[JsonSerializable(typeof(ExpressionReadResponse))]
[JsonSerializable(typeof(MidiForgetResponse))]
[JsonSerializable(typeof(MidiLearnResponse))]
[JsonSerializable(typeof(MidiListResponse))]
[JsonSerializable(typeof(MidiMonitorResponse))]
[JsonSerializable(typeof(MonitorResponse))]
[JsonSerializable(typeof(PedalStateResponse))]
[JsonSerializable(typeof(PingResponse))]
[JsonSerializable(typeof(PresetListResponse))]
[JsonSerializable(typeof(PresetLoadResponse))]
[JsonSerializable(typeof(PresetRemoveResponse))]
[JsonSerializable(typeof(PresetRenameResponse))]
[JsonSerializable(typeof(PresetSaveResponse))]
[JsonSerializable(typeof(PresetShowResponse))]
[JsonSerializable(typeof(SetListResponse))]
[JsonSerializable(typeof(SetListStepResponse))]
[JsonSerializable(typeof(SetResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(TunerResponse))]
public sealed partial class WireJsonContext : JsonSerializerContext
{
    /// <summary>The same contract, refusing a field that no record names and a null in a property that is not nullable
    /// (for the contract test).</summary>
    public static WireJsonContext Strict => _strict ??= new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    });

    private static WireJsonContext? _strict;
}
