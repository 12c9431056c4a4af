using System.CommandLine;
using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Plotting;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal plot curve|harmonics`: draws the seed's two kinds of figure for any settings.</summary>
internal static class PlotCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("plot", "Draw the unit's dynamic curve or harmonic response as a PNG (the seed's figures)");
        command.Subcommands.Add(CreateKind(
            "curve",
            "Input/output curve of a 100 Hz sine (44.1 kHz, 10 periods) through the raw unit from rest; " +
            "--sweep draws one line per value of a parameter.",
            defaultGain: 1.5,
            withSweep: true));
        command.Subcommands.Add(CreateKind(
            "harmonics",
            "Harmonic response: dB spectrum (0 dB at the fundamental, log frequency) of a 100 Hz sine through the raw unit " +
            "at 44.1 kHz, in steady state.",
            defaultGain: HarmonicsFigure.DefaultGain,
            withSweep: false));
        return command;
    }

    private static Command CreateKind(string name, string description, double defaultGain, bool withSweep)
    {
        var pedal = new PedalOptionSet(unitOnly: true);
        var output = new Option<string>("--output", "-o") { Description = "The PNG file to write.", HelpName = "FILE.png", Required = true };
        var gain = new Option<string>("--gain")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Amplitude of the sine, 0.01..100 (default {defaultGain}; the seed used 8 for its Wh figure)."),
            HelpName = "value",
        };
        var sweep = new Option<string>("--sweep")
        {
            Description = $"Vary one of the unit's parameters: NAME=V1,V2,... (up to {ParameterSweep.MaxValues} values, e.g. wf=0,2,5,10).",
            HelpName = "name=values",
        };
        var title = new Option<string>("--title") { Description = "The figure's title (default: what it shows).", HelpName = "text" };
        var width = new Option<string>("--width") { Description = $"Width in pixels, 100..4000 (default {FigureStyle.DefaultWidth}).", HelpName = "px" };
        var height = new Option<string>("--height") { Description = $"Height in pixels, 100..4000 (default {FigureStyle.DefaultHeight}).", HelpName = "px" };

        var command = new Command(name, description);
        pedal.AddTo(command);
        if (withSweep)
        {
            command.Options.Add(sweep);
        }

        command.Options.Add(gain);
        command.Options.Add(title);
        command.Options.Add(width);
        command.Options.Add(height);
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            try
            {
                var settings = pedal.GetSettings(parseResult);
                double g = ParseNumber("--gain", parseResult.GetValue(gain), defaultGain, 0.01, 100);
                int w = (int)ParseNumber("--width", parseResult.GetValue(width), FigureStyle.DefaultWidth, 100, 4000);
                int h = (int)ParseNumber("--height", parseResult.GetValue(height), FigureStyle.DefaultHeight, 100, 4000);
                var path = parseResult.GetValue(output)!;
                var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
                if (!Directory.Exists(folder))
                {
                    throw new UsageException($"{path}: folder {folder} does not exist");
                }

                string swept = string.Empty;
                if (withSweep)
                {
                    var sw = parseResult.GetValue(sweep) is { } text ? ParameterSweep.Parse(text) : null;
                    CurveFigure.Save(path, settings, sw, g, parseResult.GetValue(title), w, h);
                    swept = sw is null ? string.Empty
                        : $", sweeping {Parameters.Get(sw.Parameter).Name}={string.Join(',', sw.Values.Select(ParameterText.Format))}";
                }
                else
                {
                    HarmonicsFigure.Save(path, settings, g, parseResult.GetValue(title), w, h);
                }

                parseResult.InvocationConfiguration.Output.WriteLine($"{path}: {w}x{h} PNG, {name} for {CurveFigure.Describe(settings)}{swept}");
                return 0;
            }
            catch (UsageException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"gru-pedal plot {name}: {e.Message}");
                return UsageException.ExitCode;
            }
        });
        return command;
    }

    private static double ParseNumber(string option, string? text, double fallback, double min, double max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: \"{text}\" is not a number (range {min}..{max})"));
        }

        if (value < min || value > max)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: {text} is out of range {min}..{max}"));
        }

        return value;
    }
}
