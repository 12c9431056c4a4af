using System.CommandLine;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal bypass on|off|toggle`: bypass or engage the effect (click-free).</summary>
internal static class BypassCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("bypass", "Bypass or engage the effect: on (bypassed), off (effect on), toggle");
        var options = CommandLineOptions.AddTo(command);
        var state = new Argument<string>("state") { Description = "on, off or toggle" };
        state.AcceptOnlyFromAmong("on", "off", "toggle");
        command.Arguments.Add(state);
        command.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.Bypass,
            new() { State = parse.GetValue(state) },
            WireJsonContext.Default.BypassResponse,
            r => Console.WriteLine(r.Bypassed ? "bypass on (effect bypassed)" : "bypass off (effect on)")));
        return command;
    }
}
