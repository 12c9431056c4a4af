using System.CommandLine;
using System.Globalization;
using System.Text;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal config`: Show or check the configuration.</summary>
internal static class ConfigCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("config", "Show or check the configuration (/etc/gru-pedal/config.json)");

        var config = new Option<string?>("--config") { Description = "Configuration file (default: /etc/gru-pedal/config.json if present, else built-in)" };
        var json = new Option<bool>("--json") { Description = "Print the effective configuration as JSON (the file format)" };
        var show = new Command("show", "Print the effective configuration (defaults filled in)") { config, json };
        show.SetAction(parse =>
        {
            try
            {
                var path = parse.GetValue(config);
                var cfg = ConfigLoader.Load(path);
                Console.Out.WriteLine(parse.GetValue(json) ? ConfigLoader.ToJson(cfg) : Describe(cfg, path));
                return 0;
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine($"gru-pedal config: {e.Message}");
                return 2;
            }
        });

        var file = new Argument<string?>("FILE") { Description = "The file to check (default: /etc/gru-pedal/config.json)", Arity = ArgumentArity.ZeroOrOne };
        var check = new Command("check", "Validate a configuration file: exit 0 when it is usable, 2 with the problem") { file };
        check.SetAction(parse =>
        {
            var path = parse.GetValue(file) ?? ConfigLoader.DefaultPath;
            try
            {
                ConfigLoader.LoadFile(path);
                Console.Out.WriteLine($"{path}: ok");
                return 0;
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine($"gru-pedal config: {e.Message}");
                return 2;
            }
        });

        command.Subcommands.Add(show);
        command.Subcommands.Add(check);
        return command;
    }

    private static string Describe(PedalConfig c, string? path)
    {
        var ci = CultureInfo.InvariantCulture;
        var source = path ?? (File.Exists(ConfigLoader.DefaultPath) ? ConfigLoader.DefaultPath : ConfigLoader.BuiltInName);
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"configuration: {source}");
        var a = c.Adc;
        sb.AppendLine(a.Type switch
        {
            "mcp3008" => string.Create(ci, $"adc: mcp3008 on /dev/spidev{a.EffectiveBus}.{a.ChipSelect} at {a.ClockHz} Hz"),
            "ads1115" => string.Create(ci, $"adc: ads1115 at 0x{a.Address:X2} on /dev/i2c-{a.EffectiveBus}, supply {a.SupplyVolts} V"),
            _ => "adc: none",
        });
        sb.AppendLine(ci, $"knobs ({c.ResolvedKnobs.Count}), scanned every {c.KnobScan.IntervalMs} ms, smoothing {c.KnobScan.SmoothingMs} ms, hysteresis {c.KnobScan.HysteresisLsb} LSB, end zones {c.KnobScan.EndZonePercent} %, takeover {c.Takeover}:");
        foreach (var k in c.ResolvedKnobs)
        {
            var info = Parameters.Get(k.Parameter);
            sb.AppendLine(ci, $"  channel {k.Channel}: {info.Name} ({info.FriendlyName}) {k.Mapping.Min}..{k.Mapping.Max}{(info.Unit.Length > 0 ? " " + info.Unit : "")}, {k.Mapping.Taper.ToString().ToLowerInvariant()}");
        }

        var f = c.Footswitch;
        sb.AppendLine(f.Pin is { } fp
            ? string.Create(ci, $"footswitch: GPIO {fp} (pull-up, pressed = low), debounce {f.DebounceMs} ms, tap: {f.Tap}, hold {f.HoldMs} ms: {f.Hold}")
            : "footswitch: none");
        sb.AppendLine(c.Led.Pin is { } lp ? string.Create(ci, $"led: GPIO {lp} ({(c.Led.ActiveHigh ? "active high" : "active low")})") : "led: none");
        var au = c.Audio;
        sb.AppendLine(ci, $"audio: device \"{au.Device}\"{(au.Device.Length == 0 ? " (default)" : "")}, {au.SampleRateHz} Hz, {au.FramesPerBuffer} frames, input {au.InputChannel}, outputs [{string.Join(", ", au.OutputChannels)}], oversampling {au.Oversampling}x {au.Quality}, fastMath {au.FastMath.ToString().ToLowerInvariant()}, stereo {au.Stereo.ToString().ToLowerInvariant()}");
        sb.AppendLine(ci, $"dataDir: {c.DataDir}");
        sb.Append(ci, $"socketPath: {c.SocketPath}");
        return sb.ToString();
    }
}
