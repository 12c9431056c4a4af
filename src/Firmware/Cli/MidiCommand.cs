using System.CommandLine;
using System.Globalization;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal midi learn|list|forget|monitor`: the running pedal's MIDI mapping and what arrives.</summary>
internal static class MidiCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("midi", "MIDI in: learn, list and forget Control Change mappings, watch incoming messages");
        var options = CommandLineOptions.AddTo(command);

        var learn = new Command("learn", "Map the next Control Change that arrives to a parameter (drive, level, ...) or an action (bypass, engage, bypass-toggle, next-preset, previous-preset); saved in the data folder");
        var target = new Argument<string>("target") { Description = "A parameter or an action" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the Control Change (1..300)", DefaultValueFactory = _ => 30 };
        learn.Arguments.Add(target);
        learn.Options.Add(timeout);
        learn.SetAction(parse =>
        {
            if (!parse.GetValue(options.Json))
            {
                Console.Error.WriteLine($"Move the controller's knob, fader or switch now (waiting up to {parse.GetValue(timeout):0} s)...");
            }

            return ControlCommandLine.Run(parse, options, ControlCommand.MidiLearn, new() { Name = parse.GetValue(target), Value = parse.GetValue(timeout) }, WireJsonContext.Default.MidiLearnResponse, r => Console.WriteLine($"CC {r.Cc} -> {r.Target}"));
        });

        var list = new Command("list", "Show the MIDI channel and every mapped Control Change");
        list.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.MidiList, null, WireJsonContext.Default.MidiListResponse, r =>
        {
            Console.WriteLine($"channel {r.Channel}");
            var table = new TextTable("CC", "TARGET", "FROM");
            foreach (var e in r.Cc)
            {
                table.Add(e.Cc.ToString(CultureInfo.InvariantCulture), e.Target, e.Origin == "learned" ? "learned (midi.json)" : "configuration");
            }

            table.WriteTo(Console.Out);
        }));

        var forget = new Command("forget", "Unmap a Control Change (learned or configured; saved in the data folder)");
        var cc = new Argument<int>("cc") { Description = "The Control Change number, 0..127" };
        forget.Arguments.Add(cc);
        forget.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.MidiForget, new() { Cc = parse.GetValue(cc) },
            WireJsonContext.Default.MidiForgetResponse, r => Console.WriteLine($"CC {r.Cc} unmapped")));

        var monitor = new Command("monitor", "Print incoming MIDI messages while the pedal plays (like aseqdump); Ctrl+C stops");
        monitor.SetAction(async (parse, token) => await Monitor(parse, options, token));

        command.Subcommands.Add(learn);
        command.Subcommands.Add(list);
        command.Subcommands.Add(forget);
        command.Subcommands.Add(monitor);
        return command;
    }

    private static async Task<int> Monitor(ParseResult parse, CommandLineOptions options, CancellationToken token)
    {
        long since = -1; // first request: only what arrives from now on
        var first = true;
        while (!token.IsCancellationRequested)
        {
            var request = ControlCommandLine.BuildRequest(ControlCommand.MidiMonitor, new() { Since = since < 0 ? long.MaxValue : since });
            var code = ControlCommandLine.RunRequest(parse, options, request, WireJsonContext.Default.MidiMonitorResponse, r =>
            {
                if (since >= 0)
                {
                    foreach (var m in r.Messages)
                    {
                        Console.WriteLine($"{m.Seq,8}  {m.Text}");
                    }
                }

                since = r.Next;
            }, quiet: !first);
            if (code != ControlCommandLine.ExitOk)
            {
                return code;
            }

            if (first && !parse.GetValue(options.Json))
            {
                Console.Error.WriteLine("Waiting for MIDI messages (Ctrl+C stops)...");
            }

            first = false;
            try
            {
                await Task.Delay(100, token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return ControlCommandLine.ExitOk;
    }
}
