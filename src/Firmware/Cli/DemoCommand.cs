using System.CommandLine;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Offline;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal demo`: for now the offline demo (<see cref="OfflineDemo"/>): the built-in riff through a preset,
/// recordings, figures and a summary. The service will replace it with the live pedal on simulated hardware.</summary>
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
            Description = $"Factory preset to play through (default \"{FactoryPresets.All[0].Name}\").",
            HelpName = "name",
        };
        var command = new Command(
            "demo",
            "Play the built-in synthesized guitar riff (8 s, 48 kHz) through the pedal and write riff-dry.wav, riff-wet.wav, " +
            "curve.png and harmonics.png, then print a summary");
        command.Options.Add(output);
        command.Options.Add(preset);
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

                var summary = new OfflineDemo(directory, chosen).Run();
                parseResult.InvocationConfiguration.Output.WriteLine(summary.ToString());
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
}
