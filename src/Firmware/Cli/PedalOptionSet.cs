using System.CommandLine;
using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Offline;

namespace GruPedalPi.Firmware.Cli;

/// <summary>
/// The options that set the pedal's parameters on the command line (<c>render</c>, <c>plot</c>, <c>demo</c>), generated
/// from the parameter table: <c>--wf</c> and <c>--squash</c>, <c>--input-gain-db</c> and <c>--input</c>, ... Values are
/// parsed here rather than by System.CommandLine so that a bad value is a one-line error naming the option and its
/// range, with exit code 2.
/// </summary>
internal sealed class PedalOptionSet
{
    private readonly Option<string>?[] _parameters = new Option<string>?[Parameters.Count];

    /// <summary>Creates the options for the unit's five parameters and, unless <paramref name="unitOnly"/>, the chain's
    /// gain, mix and tone and its structural options (oversampling, quality, fast/exact math).</summary>
    public PedalOptionSet(bool unitOnly)
    {
        foreach (var p in Parameters.All)
        {
            if (unitOnly && !ParameterText.IsUnitParameter(p.Id))
            {
                continue;
            }

            var option = new Option<string>("--" + p.Name.Replace('_', '-'), "--" + p.FriendlyName)
            {
                Description = $"{p.Description} Range {ParameterText.Range(p)}, default {ParameterText.Format(p.Default)}.",
                HelpName = "value",
            };
            _parameters[(int)p.Id] = option;
        }

        Preset = new Option<string>("--preset")
        {
            Description = "Start from a factory preset (" + string.Join(", ", FactoryPresets.All.Select(p => $"\"{p.Name}\"")) +
                          "); the parameter options override it.",
            HelpName = "name",
        };

        if (!unitOnly)
        {
            Oversample = new Option<string>("--oversample")
            {
                Description = "Oversampling factor around the unit: 1, 2, 4 or 8 (default 2, as on the pedal).",
                HelpName = "1|2|4|8",
            };
            Quality = new Option<string>("--quality")
            {
                Description = "Anti-aliasing filter quality: standard, high or low-latency (minimum-phase filters: 3 samples at 2x instead of 69; default standard).",
                HelpName = "standard|high|low-latency",
            };
            Fast = new Option<bool>("--fast") { Description = "Fast tanh/sigmoid approximations (the default, as on the pedal)." };
            Exact = new Option<bool>("--exact") { Description = "Exact MathF tanh/sigmoid instead of the fast approximations." };
        }
    }

    /// <summary><c>--preset NAME</c>.</summary>
    public Option<string> Preset { get; }

    /// <summary><c>--oversample</c> (chain options only).</summary>
    public Option<string>? Oversample { get; }

    /// <summary><c>--quality</c> (chain options only).</summary>
    public Option<string>? Quality { get; }

    /// <summary><c>--fast</c> (chain options only).</summary>
    public Option<bool>? Fast { get; }

    /// <summary><c>--exact</c> (chain options only).</summary>
    public Option<bool>? Exact { get; }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in _parameters)
        {
            if (o is not null)
            {
                command.Options.Add(o);
            }
        }

        command.Options.Add(Preset);
        foreach (var o in new Option?[] { Oversample, Quality, Fast, Exact })
        {
            if (o is not null)
            {
                command.Options.Add(o);
            }
        }
    }

    /// <summary>The settings: the preset's (or the defaults: the plugin's unit, every other stage neutral), then each
    /// parameter option given. Throws <see cref="UsageException"/> for an unknown preset or a value out of range.</summary>
    public PedalSettings GetSettings(ParseResult parseResult)
    {
        var settings = PedalSettings.Defaults;
        var presetName = parseResult.GetValue(Preset);
        if (presetName is not null)
        {
            var preset = FactoryPresets.Find(presetName)
                ?? throw new UsageException($"--preset: no factory preset named \"{presetName}\" (known: " +
                                            string.Join(", ", FactoryPresets.All.Select(p => $"\"{p.Name}\"")) + ")");
            settings = preset.Settings;
        }

        foreach (var p in Parameters.All)
        {
            var option = _parameters[(int)p.Id];
            if (option is null)
            {
                continue;
            }

            var text = parseResult.GetValue(option);
            if (text is not null)
            {
                settings[p.Id] = ParameterText.ParseValue(p, "--" + p.Name.Replace('_', '-'), text);
            }
        }

        return settings;
    }

    /// <summary>True when any option outside the unit's five parameters was given (render --raw refuses them).</summary>
    public string? FirstNonUnitOptionGiven(ParseResult parseResult)
    {
        foreach (var p in Parameters.All)
        {
            var option = _parameters[(int)p.Id];
            if (option is not null && !ParameterText.IsUnitParameter(p.Id) && parseResult.GetResult(option) is { Implicit: false })
            {
                return option.Name;
            }
        }

        foreach (var o in new Option?[] { Oversample, Quality, Fast, Exact })
        {
            if (o is not null && parseResult.GetResult(o) is { Implicit: false })
            {
                return o.Name;
            }
        }

        return null;
    }

    /// <summary>The chain's structural options from the command line. Throws <see cref="UsageException"/> for a bad value.</summary>
    public ChainOptions GetChainOptions(ParseResult parseResult, int channels)
    {
        var options = new ChainOptions { Channels = channels };
        if (Oversample is not null && parseResult.GetValue(Oversample) is { } factorText)
        {
            if (!int.TryParse(factorText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var factor)
                || factor is not (1 or 2 or 4 or 8))
            {
                throw new UsageException($"--oversample: \"{factorText}\" is not one of 1, 2, 4, 8");
            }

            options = options with { OversamplingFactor = factor };
        }

        if (Quality is not null && parseResult.GetValue(Quality) is { } qualityText)
        {
            options = Configuration.QualityNames.TryParse(qualityText, out var quality)
                ? options with { Quality = quality }
                : throw new UsageException($"--quality: \"{qualityText}\" is not one of {Configuration.QualityNames.List}");
        }

        bool fast = Fast is not null && parseResult.GetValue(Fast);
        bool exact = Exact is not null && parseResult.GetValue(Exact);
        if (fast && exact)
        {
            throw new UsageException("--fast and --exact cannot both be given");
        }

        if (exact)
        {
            options = options with { FastMath = false };
        }
        else if (fast)
        {
            options = options with { FastMath = true };
        }

        return options;
    }
}
