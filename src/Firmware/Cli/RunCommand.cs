using System.CommandLine;
using GruPedalPi.Firmware.Control;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Service;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Cli;

/// <summary>
/// `gru-pedal run`: the pedal service (what systemd runs): the audio device and chain, the control socket with the
/// presets, set list and saved state (restored at boot), and the control surface on the configured devices, or on
/// simulated ones driven from the terminal or a scenario (<c>--simulate</c>).
/// </summary>
internal static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var set = new RunOptionSet();
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds of playing, counted from the first callback (default: run until stopped)" };
        var inputFile = new Option<FileInfo?>("--input-file") { Description = "Loop this WAV file as the input instead of the device's input" };
        var record = new Option<FileInfo?>("--record") { Description = "Record the output (float32 WAV, aligned like `render`)" };
        var paced = new Option<bool>("--paced") { Description = "No audio device: a timer-paced fake stream drives the same callback" };
        var json = new Option<bool>("--json") { Description = "Print the final statistics as JSON" };
        var quiet = new Option<bool>("--quiet") { Description = "Log warnings and errors only" };
        var verbose = new Option<bool>("--verbose") { Description = "Log start-up steps too" };
        var socket = new Option<string?>("--socket")
        {
            Description = $"The control socket (default ${ControlProtocol.SocketEnvironmentVariable}, else the configuration's socketPath, {ControlProtocol.DefaultSocketPath})",
        };
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = $"Presets, set list and saved state (default ${ControlProtocol.DataDirectoryEnvironmentVariable}, else the configuration's dataDir, {ControlProtocol.DefaultDataDirectory})",
        };
        var simulate = new Option<bool>("--simulate") { Description = "Knobs, footswitch and LED on simulated devices, driven from the terminal's keys (or --scenario)" };
        var scenario = new Option<FileInfo?>("--scenario")
        {
            Description = "With --simulate: play this scenario in real time from the first buffer ('TIME_MS adc CH RAW', 'TIME_MS gpio PIN 0|1', 'TIME_MS preset NAME', noise, fault)",
        };

        var command = new Command("run", "Run the pedal service: audio device, chain, control socket, saved state, control surface (systemd Type=notify)");
        set.AddTo(command);
        command.Options.Add(duration);
        command.Options.Add(inputFile);
        command.Options.Add(record);
        command.Options.Add(paced);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.Options.Add(verbose);
        command.Options.Add(socket);
        command.Options.Add(dataDir);
        command.Options.Add(simulate);
        command.Options.Add(scenario);
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var config = set.LoadConfig(result);
                var options = set.ResolveOptions(result, config);
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

                string? scenarioPath = result.GetValue(scenario)?.FullName;
                bool simulated = result.GetValue(simulate);
                if (scenarioPath is not null && !simulated)
                {
                    throw new UsageException("--scenario needs --simulate (it drives the simulated devices)");
                }

                if (scenarioPath is not null && !File.Exists(scenarioPath))
                {
                    throw new FileNotFoundException($"--scenario: {scenarioPath} does not exist", scenarioPath);
                }

                string socketPath = ControlProtocol.ResolveSocketPath(result.GetValue(socket), config.SocketPath);
                string dataDirectory = ControlProtocol.ResolveDataDirectory(result.GetValue(dataDir), config.DataDir);
                bool settingsGiven = set.SettingsGiven(result);
                bool bypass = result.GetValue(set.Bypass);
                bool keyboard = simulated && scenarioPath is null && !Console.IsInputRedirected;

                var host = new PedalHostOptions
                {
                    Audio = options,
                    Settings = settings,
                    Bypassed = bypass,
                    Preset = preset,
                    LogLevel = result.GetValue(quiet) ? LogLevel.Warning : result.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information,
                    DataDirectory = dataDirectory,
                    SocketPath = socketPath,
                    OverrideSavedSettings = settingsGiven,
                    Controls = config,
                    Simulated = simulated,
                    ScenarioPath = scenarioPath,
                    Keyboard = keyboard,
                };
                var (status, exit) = await ServiceRunner.RunAsync(host, result.GetValue(duration), cancellationToken);
                if (result.GetValue(duration) is not null || result.GetValue(json))
                {
                    ServiceRunner.Print(status, result.GetValue(json), Console.Out);
                }

                if (exit == AudioSupervisor.GaveUpExitCode)
                {
                    Console.Error.WriteLine($"gru-pedal run: the audio device went away and PortAudio could not release it; exiting for a restart ({status.Fault ?? "stuck"})");
                }
                else if (exit != 0)
                {
                    Console.Error.WriteLine($"gru-pedal run: never played ({status.Fault ?? "no callback"})");
                }

                return exit;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or FormatException
                                           or UsageException or Configuration.ConfigException or ScenarioException)
            {
                Console.Error.WriteLine($"gru-pedal run: {e.Message}");
                return UsageException.ExitCode;
            }
        });
        return command;
    }
}
