using System.CommandLine;
using System.Globalization;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal expression calibrate`: records the expression pedal's real heel and toe readings and saves them.</summary>
internal static class ExpressionCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("expression", "The expression pedal");
        var options = CommandLineOptions.AddTo(command);
        var calibrate = new Command("calibrate", "Record the pedal's heel and toe readings (most pedals never reach 0 and 1023) and save them in the data folder");
        var heel = new Option<double?>("--heel") { Description = "The heel reading (0..1023) instead of asking" };
        var toe = new Option<double?>("--toe") { Description = "The toe reading (0..1023) instead of asking" };
        calibrate.Options.Add(heel);
        calibrate.Options.Add(toe);
        calibrate.SetAction(parse =>
        {
            double Read(string where)
            {
                Console.Error.Write($"Rock the pedal fully {where} and press Enter... ");
                Console.ReadLine();
                double value = double.NaN;
                var code = ControlCommandLine.RunRequest(parse, options, ControlCommandLine.BuildRequest(ControlCommand.ExpressionRead, null),
                    WireJsonContext.Default.ExpressionReadResponse, r => value = r.Reading, quiet: true);
                if (code != ControlCommandLine.ExitOk)
                {
                    throw new OperationCanceledException(code.ToString(CultureInfo.InvariantCulture));
                }

                Console.Error.WriteLine(value.ToString("F0", CultureInfo.InvariantCulture));
                return value;
            }

            try
            {
                var h = parse.GetValue(heel) ?? Read("back (heel down)");
                var t = parse.GetValue(toe) ?? Read("forward (toe down)");
                return ControlCommandLine.Run(parse, options, ControlCommand.ExpressionCalibrate, new() { Heel = h, Toe = t }, WireJsonContext.Default.ExpressionCalibrateResponse, r => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"expression pedal calibrated: heel {r.Heel:F0}, toe {r.Toe:F0} (of 1023)")));
            }
            catch (OperationCanceledException e) when (int.TryParse(e.Message, CultureInfo.InvariantCulture, out var code))
            {
                return code;
            }
        });
        command.Subcommands.Add(calibrate);
        return command;
    }
}
