using System.Text.Json;
using GruPedalPi.Firmware.Health;

namespace GruPedalPi.Firmware.Remote;

/// <summary>Writes the machine's health as the protocol's <c>health</c> object (in <c>status</c> and <c>monitor</c>).</summary>
internal static class HealthJson
{
    /// <summary>The "health" object: unknown values are null (a PC has no throttling flags). Allocation-free.</summary>
    public static void Write(Utf8JsonWriter w, in SystemHealth h)
    {
        w.WriteStartObject("health"u8);
        if (h.HasTemperature)
        {
            w.WriteNumber("cpu_temperature_c"u8, Math.Round(h.CpuTemperatureC, 1));
        }
        else
        {
            w.WriteNull("cpu_temperature_c"u8);
        }

        if (h.HasThrottledFlags)
        {
            w.WriteNumber("throttled_flags"u8, h.ThrottledFlags);
            w.WriteBoolean("under_voltage_now"u8, h.UnderVoltageNow);
            w.WriteBoolean("throttled_now"u8, h.ThrottledNow || h.FrequencyCappedNow || h.SoftTemperatureLimitNow);
            w.WriteBoolean("under_voltage_since_boot"u8, h.UnderVoltageOccurred);
            w.WriteBoolean("throttled_since_boot"u8, h.ThrottlingOccurred || h.FrequencyCappedOccurred || h.SoftTemperatureLimitOccurred);
        }
        else
        {
            w.WriteNull("throttled_flags"u8);
        }

        if (double.IsFinite(h.UptimeS))
        {
            w.WriteNumber("system_uptime_seconds"u8, Math.Round(h.UptimeS));
        }
        else
        {
            w.WriteNull("system_uptime_seconds"u8);
        }

        w.WriteEndObject();
    }
}
