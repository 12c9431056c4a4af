using System.CommandLine;
using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal get [PARAM]`: the current parameter values (from the saved state when the service is not running).</summary>
internal static class GetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("get", "Show the current parameter values (all, or one: wh, drive, tone, ...)");
        var options = CommandLineOptions.AddTo(command);
        var param = new Argument<string?>("param") { Description = "A parameter's name (canonical or friendly); all when omitted", Arity = ArgumentArity.ZeroOrOne };
        command.Arguments.Add(param);
        command.SetAction(parse =>
        {
            var name = parse.GetValue(param);
            string? canonical = null;
            if (name is not null)
            {
                if (!Parameters.TryFind(name, out var info))
                {
                    Console.Error.WriteLine($"gru-pedal: unknown parameter '{name}'; the parameters are {string.Join(", ", Parameters.All.Select(p => $"{p.Name} ({p.FriendlyName})"))}");
                    return ControlCommandLine.ExitFailed;
                }

                canonical = info.Name;
            }

            return ControlCommandLine.Run(parse, options, ControlCommand.Get,
                new() { Param = canonical },
                WireJsonContext.Default.PedalStateResponse,
                Print);
        });
        return command;
    }

    /// <summary>Prints a "parameters" object as a table with ranges.</summary>
    internal static void PrintParameters(IReadOnlyDictionary<string, double> parameters)
    {
        var ci = CultureInfo.InvariantCulture;
        var table = new TextTable("PARAMETER", "NAME", "VALUE", "UNIT", "KNOB RANGE", "PRESET RANGE");
        foreach (var (name, value) in parameters)
        {
            if (!Parameters.TryFind(name, out var info))
            {
                continue;
            }

            table.Add(info.Name, info.FriendlyName, ((float)value).ToString("0.###", ci), info.Unit,
                string.Create(ci, $"{info.KnobMin}..{info.KnobMax}"), string.Create(ci, $"{info.PresetMin}..{info.PresetMax}"));
        }

        table.WriteTo(Console.Out);
    }

    private static void Print(PedalStateResponse r)
    {
        var preset = r.Preset ?? "(none)";
        var modified = r.Modified == true ? " (modified)" : "";
        var from = r.From is { } f ? (f == "saved_state" ? " [saved state]" : " [defaults]") : "";
        Console.WriteLine($"preset: {preset}{modified}{from}   bypass: {(r.Bypassed ? "on" : "off")}");
        PrintParameters(r.Parameters);
    }
}
