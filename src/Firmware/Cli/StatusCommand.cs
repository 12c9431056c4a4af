using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GruPedalPi.Firmware.Remote;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal status`: the running service's state and real-time statistics (exit code 3 when it is not running).</summary>
internal static class StatusCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("status", "Show the running service's status: audio, preset, bypass, real-time statistics");
        var options = CommandLineOptions.AddTo(command);
        command.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.Status, null, Print));
        return command;
    }

    private static void Print(JsonElement r)
    {
        var s = r.GetProperty("status");
        var ci = CultureInfo.InvariantCulture;
        var fault = s.GetProperty("fault").ValueKind == JsonValueKind.String ? " (" + s.GetProperty("fault").GetString() + ")" : "";
        var table = new TextTable("", "");
        table.Add("audio:", string.Create(ci, $"{s.GetProperty("state").GetString()}{fault} on \"{s.GetProperty("device").GetString()}\" at {s.GetProperty("sample_rate_hz").GetDouble():0} Hz, {s.GetProperty("frames_per_buffer").GetInt32()} frames ({s.GetProperty("period_us").GetDouble():0} us)"));
        var preset = r.GetProperty("preset").GetString() ?? "(none)";
        var modified = r.GetProperty("modified").GetBoolean() ? " (modified)" : "";
        var setList = r.GetProperty("setlist");
        table.Add("preset:", $"{preset}{modified}, set list {setList.GetProperty("position").GetInt32()}/{setList.GetProperty("count").GetInt32()}");
        table.Add("bypass:", r.GetProperty("bypassed").GetBoolean() ? "on (effect bypassed)" : "off (effect on)");
        table.Add("last change:", r.GetProperty("last_change").GetString()!);
        table.Add("callbacks:", string.Create(ci, $"{s.GetProperty("callbacks").GetInt64()}, xruns {s.GetProperty("xruns").GetInt64()}, late {s.GetProperty("late_callbacks").GetInt64()}"));
        table.Add("callback time:", string.Create(ci, $"p50 {s.GetProperty("callback_p50_us").GetDouble():0.0} us, p99 {s.GetProperty("callback_p99_us").GetDouble():0.0} us, p99.9 {s.GetProperty("callback_p999_us").GetDouble():0.0} us, max {s.GetProperty("callback_max_us").GetDouble():0.0} us"));
        table.Add("dsp load:", string.Create(ci, $"{s.GetProperty("dsp_load").GetDouble() * 100:0.0} %"));
        table.Add("memory:", string.Create(ci, $"{s.GetProperty("garbage_collections").GetInt64()} collections, {s.GetProperty("bytes_allocated").GetInt64()} bytes allocated since start"));
        if (s.TryGetProperty("steady_bytes_allocated", out var steadyBytes) && s.TryGetProperty("steady_garbage_collections", out var steadyCollections))
        {
            table.Add("steady state:", string.Create(ci, $"{steadyCollections.GetInt64()} collections, {steadyBytes.GetInt64()} bytes allocated since start-up ended (0 while nothing is edited)"));
        }
        table.Add("uptime:", string.Create(ci, $"{s.GetProperty("uptime_seconds").GetDouble():0} s"));
        if (r.TryGetProperty("health", out var h))
        {
            table.Add("system:", Health(h, ci));
        }

        if (r.TryGetProperty("control", out var c))
        {
            table.Add("control socket:", string.Create(ci, $"{c.GetProperty("clients").GetInt64()} clients, {c.GetProperty("requests").GetInt64()} requests, {c.GetProperty("errors").GetInt64()} errors"));
        }

        table.WriteTo(Console.Out);
    }

    /// <summary>"CPU 48.3 °C, power supply fine, not throttled, system up 3600 s", or what of it is known.</summary>
    private static string Health(JsonElement h, CultureInfo ci)
    {
        var parts = new List<string>();
        if (h.GetProperty("cpu_temperature_c").ValueKind == JsonValueKind.Number)
        {
            parts.Add(string.Create(ci, $"CPU {h.GetProperty("cpu_temperature_c").GetDouble():0.0} °C"));
        }

        if (h.GetProperty("throttled_flags").ValueKind == JsonValueKind.Number)
        {
            bool underNow = h.GetProperty("under_voltage_now").GetBoolean(), throttledNow = h.GetProperty("throttled_now").GetBoolean();
            bool underEver = h.GetProperty("under_voltage_since_boot").GetBoolean(), throttledEver = h.GetProperty("throttled_since_boot").GetBoolean();
            parts.Add(underNow ? "UNDER-VOLTAGE now (check the power supply)" : underEver ? "under-voltage since boot" : "power supply fine");
            parts.Add(throttledNow ? "THROTTLED now" : throttledEver ? "throttled since boot" : "not throttled");
        }

        if (h.GetProperty("system_uptime_seconds").ValueKind == JsonValueKind.Number)
        {
            parts.Add(string.Create(ci, $"system up {h.GetProperty("system_uptime_seconds").GetDouble():0} s"));
        }

        return parts.Count == 0 ? "(nothing known)" : string.Join(", ", parts);
    }
}
