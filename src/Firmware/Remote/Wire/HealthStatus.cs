using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The <c>health</c> object of <c>status</c> and <c>monitor</c>: the machine. Null where the machine does not say.</summary>
public sealed record HealthStatus
{
    /// <summary>The CPU's temperature in °C.</summary>
    public double? CpuTemperatureC { get; init; }

    /// <summary>The Raspberry Pi firmware's <c>get_throttled</c> bits.</summary>
    public long? ThrottledFlags { get; init; }

    /// <summary>Under-voltage now (only with the flags).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? UnderVoltageNow { get; init; }

    /// <summary>Throttled, frequency-capped or at the soft temperature limit now (only with the flags).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ThrottledNow { get; init; }

    /// <summary>Under-voltage at some time since boot (only with the flags).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? UnderVoltageSinceBoot { get; init; }

    /// <summary>Throttled at some time since boot (only with the flags).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ThrottledSinceBoot { get; init; }

    /// <summary>Seconds since the machine booted.</summary>
    public double? SystemUptimeSeconds { get; init; }
}
