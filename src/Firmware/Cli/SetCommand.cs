using System.CommandLine;
using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal set PARAM VALUE`: sets one parameter on the running pedal (the knob then waits for pickup).</summary>
internal static class SetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("set", "Set one parameter on the running pedal (the knob then needs pickup)");
        var options = CommandLineOptions.AddTo(command);
        var param = new Argument<string>("param") { Description = "The parameter (wh or drive, tone or treble, ...)" };
        var value = new Argument<string>("value") { Description = "The value, within the parameter's preset range (see `gru-pedal get`)" };
        command.Arguments.Add(param);
        command.Arguments.Add(value);
        command.SetAction(parse =>
        {
            var name = parse.GetValue(param)!;
            if (!Parameters.TryFind(name, out var info))
            {
                Console.Error.WriteLine($"gru-pedal: unknown parameter '{name}'; the parameters are {string.Join(", ", Parameters.All.Select(p => $"{p.Name} ({p.FriendlyName})"))}");
                return ControlCommandLine.ExitFailed;
            }

            var text = parse.GetValue(value)!;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                Console.Error.WriteLine($"gru-pedal: '{text}' is not a finite number (use a dot for decimals: 2.5)");
                return ControlCommandLine.ExitFailed;
            }

            return ControlCommandLine.Run(parse, options, ControlCommand.Set,
                new() { Param = info.Name, Value = number },
                WireJsonContext.Default.SetResponse,
                r =>
                {
                    var v = (float)r.Parameters[info.Name];
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{info.Name} ({info.FriendlyName}) = {v:0.###}{(info.Unit.Length > 0 ? " " + info.Unit : "")}"));
                });
        });
        return command;
    }
}
