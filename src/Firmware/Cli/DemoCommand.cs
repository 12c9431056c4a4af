using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Demo;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Service;
using GruPedalPi.Firmware.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Cli;

/// <summary>
/// `gru-pedal demo`: the pedal's main job on a fresh machine. The full service (engine, supervisor, statistics) on
/// simulated hardware (the real control surface on the simulated ADC and GPIO) plays the built-in synthesized riff
/// through a real-time audio device when one is available (a JACK dummy server of its own when jackd is installed),
/// else through the paced file backend, while a scripted performance turns the Drive knob, stomps the footswitch
/// and holds it for the next preset. Then it writes the live recording, the offline renders and plots
/// (<see cref="OfflineDemo"/>), and a summary of what happened with the real-time statistics.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Folder for the recordings, figures and summary (created if missing).",
            HelpName = "DIR",
            DefaultValueFactory = _ => "demo-output",
        };
        var preset = new Option<string>("--preset")
        {
            Description = $"Factory preset to start from (default \"{FactoryPresets.All[0].Name}\").",
            HelpName = "name",
        };
        var paced = new Option<bool>("--paced") { Description = "Use the paced file backend even when jackd is installed" };
        var command = new Command(
            "demo",
            "Run the whole pedal on simulated hardware: the built-in riff through the live service with a scripted performance " +
            "(knob turn, stomps, preset change), then write live.wav, riff-dry.wav, riff-wet.wav, curve.png, harmonics.png and summary.txt");
        command.Options.Add(output);
        command.Options.Add(preset);
        command.Options.Add(paced);
        command.SetAction(parseResult =>
        {
            try
            {
                FactoryPreset? chosen = null;
                if (parseResult.GetValue(preset) is { } name)
                {
                    chosen = FactoryPresets.Find(name)
                        ?? throw new UsageException($"--preset: no factory preset named \"{name}\" (known: " +
                                                    string.Join(", ", FactoryPresets.All.Select(p => $"\"{p.Name}\"")) + ")");
                }

                var directory = parseResult.GetValue(output)!;
                if (File.Exists(directory))
                {
                    throw new UsageException($"--output: {directory} is a file, not a folder");
                }

                Directory.CreateDirectory(directory);
                var live = RunLive(directory, chosen ?? FactoryPresets.All[0], parseResult.GetValue(paced));
                var summary = new OfflineDemo(directory, chosen).Run();
                string text = live + Environment.NewLine + "Offline renders and figures" + Environment.NewLine + summary;
                File.WriteAllText(Path.Combine(directory, "summary.txt"), text);
                parseResult.InvocationConfiguration.Output.WriteLine(text);
                return 0;
            }
            catch (UsageException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"gru-pedal demo: {e.Message}");
                return UsageException.ExitCode;
            }
        });
        return command;
    }

    private static string RunLive(string directory, FactoryPreset preset, bool forcePaced)
    {
        const int rate = GuitarRiff.DefaultSampleRateHz;
        var riff = GuitarRiff.Render(rate);
        double seconds = riff.Length / (double)rate;
        JackDummyServer? server = null;
        string? why = "--paced";
        if (!forcePaced)
        {
            server = JackDummyServer.TryStart(rate, 64, out why);
        }

        var options = new PedalServiceOptions
        {
            DeviceName = server is null ? null : "system",
            Backend = server is null ? AudioBackend.Paced : AudioBackend.PortAudio,
            SampleRateHz = rate,
            FramesPerBuffer = 64,
            WarmupSeconds = 0.5,
            Input = new LoopedInput(riff),
            RecordPath = Path.Combine(directory, "live.wav"),
        };

        var config = ConfigLoader.Defaults();
        var events = new List<string>();
        var clock = Stopwatch.StartNew();
        void Note(string what) => events.Add(string.Format(CultureInfo.InvariantCulture, "{0,6:F2} s  {1}", clock.Elapsed.TotalSeconds, what));

        using var hardware = ControlHardware.CreateSimulated(config, TimeProvider.System);
        using var host = PedalHost.Build(new PedalHostOptions
        {
            Audio = options,
            Settings = preset.Settings,
            Preset = preset.Name,
            LogLevel = LogLevel.Warning,
        });
        var control = host.Services.GetRequiredService<PedalControl>();
        var supervisor = host.Services.GetRequiredService<AudioSupervisor>();
        var navigator = new FactoryPresetNavigator();
        for (int i = 0; i < FactoryPresets.All.Count && navigator.TryStepNext(out var step) && step.Name != preset.Name; i++)
        {
            // Position the set list on the starting preset, so a hold steps to the one after it.
        }

        using var surface = hardware.CreateSurface(control, navigator);
        supervisor.FaultChanged += fault =>
        {
            if (fault is null)
            {
                surface.ClearFault();
            }
            else
            {
                surface.SetFault(fault);
            }
        };
        bool lastWasKnob = false;
        control.Changed += source =>
        {
            // A knob turn is many small changes: keep the latest of a run.
            if (source == ControlSource.Knob && lastWasKnob)
            {
                events.RemoveAt(events.Count - 1);
            }

            lastWasKnob = source == ControlSource.Knob;
            Note($"{source,-10} -> {Describe(control)}");
        };

        // Knobs rest where the preset puts them (no takeover until turned); the footswitch is up.
        var drive = config.Knobs.First(k => k.Parameter == "wh");
        hardware.SetSimulatedKnob(drive.Channel, 200);
        hardware.SetSimulatedGpio(config.Footswitch.Pin ?? 17, true);

        using var stop = new CancellationTokenSource();
        host.Start();
        var surfaceThread = surface.StartThread(stop.Token);
        supervisor.WaitPlaying(TimeSpan.FromSeconds(10), CancellationToken.None);
        clock.Restart();
        Note($"playing \"{preset.Name}\" on {(server is null ? "the paced file backend (" + why + ")" : "JACK dummy server " + server.Name)}");

        // The performance (times from the first buffer).
        Until(clock, 1.0);
        Note("turning the Drive knob up");
        for (int i = 0; i <= 20; i++)
        {
            hardware.SetSimulatedKnob(drive.Channel, 200 + i * 40);
            Thread.Sleep(50);
        }

        Until(clock, 3.0);
        Note("stomp (tap)");
        Tap(hardware, config, 120);
        Until(clock, 4.5);
        Note("stomp (tap)");
        Tap(hardware, config, 120);
        Until(clock, 5.5);
        Note("hold the footswitch: next preset");
        Tap(hardware, config, (int)config.Footswitch.HoldMs + 300);
        Until(clock, seconds);

        var status = supervisor.GetStatus(exactAllocations: true);
        stop.Cancel();
        surfaceThread.Join();
        host.StopAsync().GetAwaiter().GetResult();
        server?.Dispose();

        var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine("Live run (the service on simulated hardware)");
        writer.WriteLine($"  recording       {Path.Combine(directory, "live.wav")}");
        writer.WriteLine("  what happened");
        foreach (var e in events)
        {
            writer.WriteLine("    " + e);
        }

        writer.WriteLine("  real-time statistics");
        var stats = new StringWriter(CultureInfo.InvariantCulture);
        ServiceRunner.Print(status, false, stats);
        foreach (var line in stats.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            writer.WriteLine("    " + line.TrimEnd());
        }

        return writer.ToString();
    }

    private static string Describe(IPedalControl control)
    {
        var s = control.Settings;
        return string.Format(CultureInfo.InvariantCulture, "{0}{1}, drive {2:F2}, squash {3:F2}, bias {4:F2}",
            control.Bypassed ? "bypassed" : "engaged", control.CurrentPreset is { } p ? $" \"{p}\"" : "",
            s[ParameterId.Wh], s[ParameterId.Wf], s[ParameterId.Bf]);
    }

    private static void Tap(ControlHardware hardware, PedalConfig config, int milliseconds)
    {
        int pin = config.Footswitch.Pin ?? 17;
        hardware.SetSimulatedGpio(pin, false);
        Thread.Sleep(milliseconds);
        hardware.SetSimulatedGpio(pin, true);
    }

    private static void Until(Stopwatch clock, double seconds)
    {
        var left = TimeSpan.FromSeconds(seconds) - clock.Elapsed;
        if (left > TimeSpan.Zero)
        {
            Thread.Sleep(left);
        }
    }
}
