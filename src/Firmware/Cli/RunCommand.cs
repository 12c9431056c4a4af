using System.CommandLine;
using GruPedalPi.Firmware.Service;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal run`: the headless pedal service (what systemd runs).</summary>
internal static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var set = new RunOptionSet();
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds of playing (default: run until stopped)" };
        var inputFile = new Option<FileInfo?>("--input-file") { Description = "Loop this WAV file as the input instead of the device's input" };
        var record = new Option<FileInfo?>("--record") { Description = "Record the output (float32 WAV, aligned like `render`)" };
        var paced = new Option<bool>("--paced") { Description = "No audio device: a timer-paced fake stream drives the same callback" };
        var json = new Option<bool>("--json") { Description = "Print the final statistics as JSON" };
        var quiet = new Option<bool>("--quiet") { Description = "Log warnings and errors only" };
        var verbose = new Option<bool>("--verbose") { Description = "Log start-up steps too" };

        var command = new Command("run", "Run the pedal service: audio device, chain, control surface (systemd Type=notify)");
        set.AddTo(command);
        command.Options.Add(duration);
        command.Options.Add(inputFile);
        command.Options.Add(record);
        command.Options.Add(paced);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.Options.Add(verbose);
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var options = set.ResolveOptions(result, set.LoadConfig(result));
                var (settings, preset) = set.ResolveSettings(result);
                if (result.GetValue(inputFile) is { } input)
                {
                    options = options with { Input = RunOptionSet.LoadInput(input.FullName, options.SampleRateHz, options.Routing.Stereo) };
                }

                options = options with
                {
                    RecordPath = result.GetValue(record)?.FullName,
                    Backend = result.GetValue(paced) ? AudioBackend.Paced : AudioBackend.PortAudio,
                };
                var (status, exit) = await ServiceRunner.RunAsync(options, settings, result.GetValue(set.Bypass), preset,
                    result.GetValue(duration), null, result.GetValue(quiet) ? LogLevel.Warning : result.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information, cancellationToken);
                if (result.GetValue(duration) is not null || result.GetValue(json))
                {
                    ServiceRunner.Print(status, result.GetValue(json), Console.Out);
                }

                if (exit != 0)
                {
                    Console.Error.WriteLine($"gru-pedal run: never played ({status.Fault ?? "no callback"})");
                }

                return exit;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or FormatException
                                           or Offline.UsageException or Configuration.ConfigException)
            {
                Console.Error.WriteLine($"gru-pedal run: {e.Message}");
                return Offline.UsageException.ExitCode;
            }
        });
        return command;
    }
}
