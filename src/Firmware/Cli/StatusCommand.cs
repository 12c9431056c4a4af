using System.CommandLine;
using System.Globalization;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal status`: the running service's state and real-time statistics (exit code 3 when it is not running).</summary>
internal static class StatusCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("status", "Show the running service's status: audio, preset, bypass, real-time statistics");
        var options = CommandLineOptions.AddTo(command);
        command.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.Status, null, WireJsonContext.Default.StatusResponse, Print));
        return command;
    }

    private static void Print(StatusResponse r)
    {
        var s = r.Status;
        var ci = CultureInfo.InvariantCulture;
        var fault = s.Fault is { } f ? " (" + f + ")" : "";
        var table = new TextTable("", "");
        table.Add("audio:", string.Create(ci, $"{AudioStateNames.Name(s.State)}{fault} on \"{s.Device}\" at {s.SampleRateHz:0} Hz, {s.FramesPerBuffer} frames ({s.PeriodUs:0} us)"));
        var preset = r.Preset ?? "(none)";
        var modified = r.Modified ? " (modified)" : "";
        table.Add("preset:", $"{preset}{modified}, set list {r.Setlist.Position}/{r.Setlist.Count}");
        table.Add("bypass:", r.Bypassed ? "on (effect bypassed)" : "off (effect on)");
        table.Add("last change:", r.LastChange);
        table.Add("callbacks:", string.Create(ci, $"{s.Callbacks}, xruns {s.Xruns}, late {s.LateCallbacks}"));
        table.Add("callback time:", string.Create(ci, $"p50 {s.CallbackP50Us:0.0} us, p99 {s.CallbackP99Us:0.0} us, p99.9 {s.CallbackP999Us:0.0} us, max {s.CallbackMaxUs:0.0} us"));
        table.Add("dsp load:", string.Create(ci, $"{s.DspLoad * 100:0.0} %"));
        table.Add("memory:", string.Create(ci, $"{s.GarbageCollections} collections, {s.BytesAllocated} bytes allocated since start"));
        table.Add("steady state:", string.Create(ci, $"{s.SteadyGarbageCollections} collections, {s.SteadyBytesAllocated} bytes allocated since start-up ended (0 while nothing is edited)"));
        table.Add("uptime:", string.Create(ci, $"{s.UptimeSeconds:0} s"));
        if (r.Health is { } h)
        {
            table.Add("system:", Health(h, ci));
        }

        if (r.Control is { } c)
        {
            table.Add("control socket:", string.Create(ci, $"{c.Clients} clients, {c.Requests} requests, {c.Errors} errors"));
        }

        table.WriteTo(Console.Out);
    }

    /// <summary>"CPU 48.3 °C, power supply fine, not throttled, system up 3600 s", or what of it is known.</summary>
    private static string Health(HealthStatus h, CultureInfo ci)
    {
        var parts = new List<string>();
        if (h.CpuTemperatureC is { } temperature)
        {
            parts.Add(string.Create(ci, $"CPU {temperature:0.0} °C"));
        }

        if (h.ThrottledFlags is not null)
        {
            bool underNow = h.UnderVoltageNow == true, throttledNow = h.ThrottledNow == true;
            bool underEver = h.UnderVoltageSinceBoot == true, throttledEver = h.ThrottledSinceBoot == true;
            parts.Add(underNow ? "UNDER-VOLTAGE now (check the power supply)" : underEver ? "under-voltage since boot" : "power supply fine");
            parts.Add(throttledNow ? "THROTTLED now" : throttledEver ? "throttled since boot" : "not throttled");
        }

        if (h.SystemUptimeSeconds is { } uptime)
        {
            parts.Add(string.Create(ci, $"system up {uptime:0} s"));
        }

        return parts.Count == 0 ? "(nothing known)" : string.Join(", ", parts);
    }
}
