using System.CommandLine;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Service;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Cli;

/// <summary>
/// `gru-pedal soak`: a benchmark, not a test. Runs the service for a while and prints the real-time statistics: on
/// the given device, else on the JACK server named by JACK_DEFAULT_SERVER when one runs, else on a JACK dummy server
/// it starts for itself (at the requested rate and frames).
/// </summary>
internal static class SoakCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var set = new RunOptionSet();
        var seconds = new Option<double>("--seconds") { Description = "How long to play, in seconds", DefaultValueFactory = _ => 60 };
        var json = new Option<bool>("--json") { Description = "Print the statistics as JSON" };
        var command = new Command("soak", "Run the service for a while and print its real-time statistics (a benchmark)");
        set.AddTo(command);
        command.Options.Add(seconds);
        command.Options.Add(json);
        command.SetAction(async (result, cancellationToken) =>
        {
            PedalServiceOptions options;
            Dsp.PedalSettings settings;
            string? preset;
            try
            {
                options = set.ResolveOptions(result, set.LoadConfig(result));
                (settings, preset) = set.ResolveSettings(result);
            }
            catch (Exception e) when (e is UsageException or Configuration.ConfigException)
            {
                Console.Error.WriteLine($"gru-pedal soak: {e.Message}");
                return UsageException.ExitCode;
            }

            JackDummyServer? server = null;
            try
            {
                if (result.GetValue(set.Device) is null)
                {
                    string? named = Environment.GetEnvironmentVariable("JACK_DEFAULT_SERVER");
                    if (named is not null && JackDummyServer.IsRunning(named))
                    {
                        Console.Error.WriteLine($"soak: on the running JACK server \"{named}\"");
                    }
                    else
                    {
                        server = JackDummyServer.TryStart(options.SampleRateHz, options.FramesPerBuffer, out string? reason);
                        if (server is null)
                        {
                            Console.Error.WriteLine($"gru-pedal soak: no device given and no JACK server: {reason}");
                            return 1;
                        }

                        Console.Error.WriteLine($"soak: on a JACK dummy server of its own, \"{server.Name}\" ({options.SampleRateHz} Hz, {options.FramesPerBuffer} frames, -R)");
                    }

                    options = options with { DeviceName = "system" };
                }

                var host = new PedalHostOptions
                {
                    Audio = options,
                    Settings = settings,
                    Bypassed = result.GetValue(set.Bypass),
                    Preset = preset,
                    LogLevel = LogLevel.Warning,
                };
                var (status, exit) = await ServiceRunner.RunAsync(host, result.GetValue(seconds), cancellationToken);
                ServiceRunner.Print(status, result.GetValue(json), Console.Out);
                return exit;
            }
            finally
            {
                server?.Dispose();
            }
        });
        return command;
    }
}
