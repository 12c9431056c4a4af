using System.CommandLine;
using GruPedalPi.Firmware.LiveView;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;
using Spectre.Console;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal monitor` and `gru-pedal tuner`: the live view of the running service (exit code 3 when it is not
/// running or goes away).</summary>
internal static class MonitorCommand
{
    /// <summary>Creates `monitor`.</summary>
    public static Command Create()
    {
        var command = new Command("monitor", "Live view of the running pedal: meters, preset, knobs and pickup, gate, tuner, MIDI, load and the Pi's health (b bypass, n/p presets, t tuner, q quit)");
        var options = CommandLineOptions.AddTo(command);
        var once = new Option<bool>("--once") { Description = "Print one frame and exit (with --json: the frame's data, one JSON line, for scripts)" };
        var refresh = new Option<double>("--refresh-hz") { Description = "Frames per second, 1..30", DefaultValueFactory = _ => 15 };
        command.Options.Add(once);
        command.Options.Add(refresh);
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, options, parse.GetValue(once), parse.GetValue(refresh), tuner: false, cancellationToken)));
        return command;
    }

    /// <summary>Creates `tuner`.</summary>
    public static Command CreateTuner()
    {
        var command = new Command("tuner", "The tuner: mutes the output (click-free), shows the note, the cents and a needle; q leaves it and the sound fades back. With on, off or toggle: just switch it");
        var options = CommandLineOptions.AddTo(command);
        var state = new Argument<string?>("state") { Description = "on, off or toggle (none: the full-screen tuner)", Arity = ArgumentArity.ZeroOrOne };
        state.AcceptOnlyFromAmong("on", "off", "toggle");
        var reference = new Option<double?>("--reference") { Description = "The A4 reference in Hz, 430..450 (440 by default; kept until the service restarts)" };
        command.Arguments.Add(state);
        command.Options.Add(reference);
        command.SetAction((parse, cancellationToken) =>
        {
            var hz = parse.GetValue(reference);
            if (hz is not null || parse.GetValue(state) is not null)
            {
                return Task.FromResult(ControlCommandLine.Run(parse, options, ControlCommand.Tuner,
                    new() { State = parse.GetValue(state), Value = hz }, WireJsonContext.Default.TunerResponse, PrintTuner));
            }

            return Task.FromResult(Run(parse, options, once: false, 15, tuner: true, cancellationToken));
        });
        return command;
    }

    private static void PrintTuner(TunerResponse r)
    {
        var t = TunerView.From(r.Tuner);
        Console.WriteLine(FormattableString.Invariant($"tuner {(t.Engaged ? "on (output muted)" : "off")}, A4 = {t.ReferenceA4Hz:0.#} Hz")
            + (t.Note is null ? "" : FormattableString.Invariant($": {t.Note}{t.Octave} {t.Cents:+0.0;-0.0;0.0} cents ({t.FrequencyHz:0.00} Hz)")));
    }

    private static int Run(ParseResult parse, CommandLineOptions options, bool once, double refreshHz, bool tuner, CancellationToken cancellationToken)
    {
        string name = tuner ? "tuner" : "monitor";
        if (refreshHz is < 1 or > 30)
        {
            Console.Error.WriteLine($"gru-pedal {name}: --refresh-hz must be 1..30");
            return ControlCommandLine.ExitFailed;
        }

        var configured = ControlCommandLine.Configured();
        var socketPath = ControlProtocol.ResolveSocketPath(parse.GetValue(options.Socket), configured.SocketPath);
        switch (ControlClient.TryConnect(socketPath, TimeSpan.FromSeconds(5), out var client))
        {
            case ControlClient.ConnectResult.PermissionDenied:
                Console.Error.WriteLine($"gru-pedal {name}: permission denied on {socketPath}: add your user to the service's group (sudo usermod -aG gru-pedal $USER) and log in again");
                return ControlCommandLine.ExitPermissionDenied;
            case ControlClient.ConnectResult.NotRunning:
                Console.Error.WriteLine($"gru-pedal {name}: the gru-pedal service is not running (no socket at {socketPath}; start it with `sudo systemctl start gru-pedal`)");
                return ControlCommandLine.ExitNotRunning;
        }

        using (client)
        {
            var console = AnsiConsole.Console;
            if (once)
            {
                var response = client!.Request(ControlRequestBuilder.Build(ControlCommand.Monitor));
                if (parse.GetValue(options.Json))
                {
                    Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(response));
                    return ControlCommandLine.ExitOk;
                }

                ResponseReader.Read(response, WireJsonContext.Default.MonitorResponse, out var result, out var failure);
                if (result is null)
                {
                    Console.Error.WriteLine("gru-pedal: " + (failure?.Error?.Message ?? "no frame"));
                    return ControlCommandLine.ExitFailed;
                }

                var frame = MonitorFrame.From(result);
                MeterBallistics input = new(), output = new();
                if (frame.Input is { } i)
                {
                    input.Update(i, 0);
                }

                if (frame.Output is { } o)
                {
                    output.Update(o, 0);
                }

                foreach (var line in new MonitorView(console.Profile.Capabilities.Unicode).Lines(frame, input, output, console.Profile.Width, null))
                {
                    console.Write(line);
                    console.WriteLine();
                }

                return ControlCommandLine.ExitOk;
            }

            if (!console.Profile.Capabilities.Ansi || Console.IsOutputRedirected)
            {
                Console.Error.WriteLine($"gru-pedal {name}: the terminal cannot move the cursor (TERM={Environment.GetEnvironmentVariable("TERM")}); use --once, or --once --json for scripts");
                return ControlCommandLine.ExitFailed;
            }

            var session = new MonitorSession(client!, console, refreshHz);
            int exit = session.Run(tuner, cancellationToken);
            if (session.EndMessage is { } message)
            {
                Console.Error.WriteLine($"gru-pedal {name}: {message}");
            }

            return exit;
        }
    }
}
