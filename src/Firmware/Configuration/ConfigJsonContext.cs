using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Configuration;

/// <summary>Source-generated (NativeAOT-safe) JSON for the configuration file: camelCase, comments and trailing
/// commas allowed, unknown fields rejected (a misspelt field is an error, not silently ignored).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PedalConfig))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
