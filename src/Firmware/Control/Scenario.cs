using System.Globalization;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// A simulator scenario: one action per line, <c>TIME_MS adc CHANNEL RAW</c> (RAW 0..1023, scaled to the
/// ADS1115's codes when that is the ADC; a knob's or the expression pedal's channel), <c>TIME_MS gpio PIN 0|1</c> (any
/// footswitch's pin), <c>TIME_MS preset NAME</c> (as from the control socket), <c>TIME_MS noise CHANNEL LSB</c>,
/// <c>TIME_MS fault on|off</c>, <c>TIME_MS midi pc PROGRAM</c>, <c>TIME_MS midi cc CONTROLLER VALUE</c> (on the configured
/// MIDI channel, channel 1 for omni); blank lines and <c>#</c>
/// comments are skipped; times never go back.
/// </summary>
public sealed class Scenario
{
    private Scenario(IReadOnlyList<ScenarioStep> steps) => Steps = steps;

    /// <summary>The steps in time order.</summary>
    public IReadOnlyList<ScenarioStep> Steps { get; }

    /// <summary>Time of the last step in ms (0 when empty).</summary>
    public double EndMs => Steps.Count == 0 ? 0 : Steps[^1].TimeMs;

    /// <summary>Parses and checks a scenario against a validated configuration and set list; throws
    /// <see cref="ScenarioException"/> naming the first bad line.</summary>
    public static Scenario Parse(string text, string source, PedalConfig config, IPresetNavigator navigator)
    {
        var steps = new List<ScenarioStep>();
        var channels = config.Adc.Type switch { "mcp3008" => 8, "ads1115" => 4, _ => 0 };
        var lines = text.Split('\n');
        var last = 0.0;
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i];
            var hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line[..hash];
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            void Fail(string problem) => throw new ScenarioException(source, number, problem);
            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3)
            {
                Fail($"\"{line}\": expected TIME_MS adc|gpio|preset|noise|fault|midi ...");
            }

            if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !double.IsFinite(t) || t < 0)
            {
                Fail($"\"{parts[0]}\" is not a time in milliseconds (a number >= 0)");
            }

            if (t < last)
            {
                Fail($"time {t} ms is before the previous line's {last} ms");
            }

            last = t;
            var verb = parts[1].ToLowerInvariant();
            var rest = parts[2].Trim();
            switch (verb)
            {
                case "adc":
                case "noise":
                {
                    var args = rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (args.Length != 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ch)
                        || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                    {
                        Fail($"\"{line}\": expected TIME_MS {verb} CHANNEL {(verb == "adc" ? "RAW" : "LSB")} (two whole numbers)");
                    }

                    if (ch >= channels)
                    {
                        Fail(channels == 0 ? "the configuration has no ADC" : $"channel {ch} is out of range 0..{channels - 1} for the {config.Adc.Type}");
                    }

                    if (verb == "adc" && v > 1023)
                    {
                        Fail($"raw value {v} is out of range 0..1023");
                    }

                    if (verb == "noise" && v > 100)
                    {
                        Fail($"noise {v} LSB is out of range 0..100");
                    }

                    steps.Add(new ScenarioStep(t, verb == "adc" ? ScenarioStepKind.Adc : ScenarioStepKind.Noise, ch, v, null, number));
                    break;
                }

                case "gpio":
                {
                    var args = rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (args.Length != 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pin)
                        || args[1] is not ("0" or "1"))
                    {
                        Fail($"\"{line}\": expected TIME_MS gpio PIN 0|1");
                    }

                    var pins = config.ResolvedFootswitches.Select(f => f.Pin).ToArray();
                    if (Array.IndexOf(pins, pin) < 0)
                    {
                        Fail(pins.Length == 0
                            ? $"GPIO {pin} is not an input: the configuration has no footswitch"
                            : pins.Length == 1
                                ? $"GPIO {pin} is not an input: the footswitch is on GPIO {pins[0]}"
                                : $"GPIO {pin} is not an input: the footswitches are on GPIO {string.Join(", ", pins)}");
                    }

                    steps.Add(new ScenarioStep(t, ScenarioStepKind.Gpio, pin, args[1] == "1" ? 1 : 0, null, number));
                    break;
                }

                case "preset":
                    if (!navigator.TryFind(rest, out var step))
                    {
                        Fail($"no preset named \"{rest}\"");
                    }

                    steps.Add(new ScenarioStep(t, ScenarioStepKind.Preset, 0, 0, step.Name, number));
                    break;

                case "fault":
                    if (rest is not ("on" or "off"))
                    {
                        Fail($"\"{line}\": expected TIME_MS fault on|off");
                    }

                    steps.Add(new ScenarioStep(t, ScenarioStepKind.Fault, 0, rest == "on" ? 1 : 0, null, number));
                    break;

                case "midi":
                {
                    var args = rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    var ok = args.Length >= 2 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var a1);
                    var v2 = 0;
                    ok = ok && (args[0] == "pc" ? args.Length == 2 : args[0] == "cc" && args.Length == 3
                        && int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out v2));
                    if (!ok)
                    {
                        Fail($"\"{line}\": expected TIME_MS midi pc PROGRAM or TIME_MS midi cc CONTROLLER VALUE (whole numbers)");
                    }

                    int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n1);
                    if (n1 > 127)
                    {
                        Fail(args[0] == "pc" ? $"program {n1} is out of range 0..127" : $"controller {n1} is out of range 0..127");
                    }

                    if (v2 > 127)
                    {
                        Fail($"value {v2} is out of range 0..127");
                    }

                    steps.Add(new ScenarioStep(t, args[0] == "pc" ? ScenarioStepKind.MidiProgram : ScenarioStepKind.MidiControl, n1, v2, null, number));
                    break;
                }

                default:
                    Fail($"unknown action \"{parts[1]}\" (adc, gpio, preset, noise, fault or midi)");
                    break;
            }
        }

        return new Scenario(steps);
    }
}
