using System.Text.Json.Serialization;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Service;

/// <summary>Source-generated JSON for the service's reports (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StatusSnapshot))]
[JsonSerializable(typeof(List<AudioDeviceInfo>))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext
{
}
