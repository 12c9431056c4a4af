using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Configuration;

/// <summary>
/// The pedal's configuration file (<c>/etc/gru-pedal/config.json</c>): the hardware mapping, the audio
/// settings and the service's paths. Every field has a built-in default; <see cref="Validate"/> checks
/// the whole and resolves names (call it, or load through <see cref="ConfigLoader"/>, before use).
/// </summary>
public sealed class PedalConfig
{
    /// <summary>The converter the knobs are wired to.</summary>
    public AdcConfig Adc { get; set; } = new();

    /// <summary>The knobs, one per ADC channel. Default: eight on MCP3008 channels 0..7.</summary>
    public KnobConfig[] Knobs { get; set; } = DefaultKnobs();

    /// <summary>How the knobs are scanned and filtered.</summary>
    public KnobScanConfig KnobScan { get; set; } = new();

    /// <summary>After a preset load or a socket change: <c>"pickup"</c> (a knob takes over once moved to or across
    /// the value) or <c>"jump"</c> (on any movement).</summary>
    public string Takeover { get; set; } = "pickup";

    private FootswitchConfig _footswitch = new();
    private bool _footswitchGiven;

    /// <summary>The footswitch (a pedal with one). With <see cref="Footswitches"/>, the first of them after <see cref="Validate"/>.</summary>
    public FootswitchConfig Footswitch
    {
        get => _footswitch;
        set
        {
            _footswitch = value;
            _footswitchGiven = true;
        }
    }

    /// <summary>One to four footswitches (instead of <see cref="Footswitch"/>); null: the single <see cref="Footswitch"/>.</summary>
    public FootswitchConfig[]? Footswitches { get; set; }

    /// <summary>MIDI in.</summary>
    public MidiConfig Midi { get; set; } = new();

    /// <summary>The expression pedal.</summary>
    public ExpressionConfig Expression { get; set; } = new();

    /// <summary>The status LED.</summary>
    public LedConfig Led { get; set; } = new();

    /// <summary>Audio settings.</summary>
    public AudioConfig Audio { get; set; } = new();

    /// <summary>
    /// The GPIO chip of the footswitch and LED pins, 0..15 (<c>/dev/gpiochipN</c>, through the kernel's GPIO
    /// character device and libgpiod). 0 on a Pi 1..4 and on a Pi 5 with kernel 6.6.45 or later; 4 on a Pi 5 with
    /// an older kernel (<c>gpiodetect</c> lists them: the header is the chip labelled pinctrl-bcm2711/-rp1).
    /// </summary>
    public int GpioChip { get; set; }

    /// <summary>Where presets, the set list and the saved state live (absolute path).</summary>
    public string DataDir { get; set; } = "/var/lib/gru-pedal";

    /// <summary>The control socket (absolute path).</summary>
    public string SocketPath { get; set; } = "/run/gru-pedal/control.sock";

    /// <summary>The knobs resolved by <see cref="Validate"/>, in file order.</summary>
    [JsonIgnore]
    public IReadOnlyList<KnobBinding> ResolvedKnobs { get; private set; } = [];

    /// <summary>The footswitches resolved by <see cref="Validate"/> (pins and gestures), in file order.</summary>
    [JsonIgnore]
    public IReadOnlyList<FootswitchBinding> ResolvedFootswitches { get; private set; } = [];

    /// <summary>The MIDI mapping resolved by <see cref="Validate"/> (before learned changes).</summary>
    [JsonIgnore]
    public MidiMap ResolvedMidi { get; private set; } = MidiMap.Empty;

    /// <summary>The expression pedal's default mapping resolved by <see cref="Validate"/>, or null.</summary>
    [JsonIgnore]
    public ExpressionMapping? ResolvedExpression { get; private set; }

    /// <summary>True in jump mode (resolved <see cref="Takeover"/>).</summary>
    [JsonIgnore]
    public bool JumpTakeover => Takeover == "jump";

    /// <summary>The default knobs: drive (log), squash, stability, asymmetry, bias, tone, mix, level (anti-log)
    /// on channels 0..7, each over its parameter's knob range.</summary>
    public static KnobConfig[] DefaultKnobs() =>
    [
        new() { Channel = 0, Parameter = "wh", Taper = "log" },
        new() { Channel = 1, Parameter = "wf" },
        new() { Channel = 2, Parameter = "uf" },
        new() { Channel = 3, Parameter = "uh" },
        new() { Channel = 4, Parameter = "bf" },
        new() { Channel = 5, Parameter = "tone" },
        new() { Channel = 6, Parameter = "mix" },
        new() { Channel = 7, Parameter = "output_gain_db", Taper = "antilog" },
    ];


    /// <summary>Checks every field and resolves the knobs; throws <see cref="ConfigException"/> naming
    /// <paramref name="source"/> and the field on the first problem.</summary>
    public void Validate(string source)
    {
        void Fail(string field, string problem) => throw new ConfigException(source, field, problem);

        // One rule per line: the checks read as a table.
        void FailIf([DoesNotReturnIf(true)] bool bad, string field, string problem)
        {
            if (bad)
            {
                Fail(field, problem);
            }
        }

        FailIf(Adc is null, "adc", "must be an object");
        FailIf(Knobs is null, "knobs", "must be an array");
        FailIf(KnobScan is null, "knobScan", "must be an object");
        FailIf(Footswitch is null, "footswitch", "must be an object");
        FailIf(Led is null, "led", "must be an object");
        FailIf(Audio is null, "audio", "must be an object");

        // ADC
        var channels = 0;
        switch (Adc!.Type)
        {
            case "mcp3008":
                channels = 8;
                FailIf(Adc.EffectiveBus is < 0 or > 9, "adc.bus", $"SPI bus {Adc.EffectiveBus} is out of range 0..9");
                FailIf(Adc.ChipSelect is < 0 or > 1, "adc.chipSelect", $"{Adc.ChipSelect} is not a chip select of the Pi's SPI (0 = CE0/GPIO8, 1 = CE1/GPIO7)");
                FailIf(Adc.ClockHz is < 10_000 or > 3_600_000, "adc.clockHz", $"{Adc.ClockHz} Hz is out of range 10000..3600000");
                break;
            case "ads1115":
                channels = 4;
                FailIf(Adc.EffectiveBus is < 0 or > 9, "adc.bus", $"I2C bus {Adc.EffectiveBus} is out of range 0..9");
                FailIf(Adc.Address is < 0x48 or > 0x4B, "adc.address", $"{Adc.Address} (0x{Adc.Address:X2}) is not an ADS1115 address (72..75, 0x48..0x4B)");
                FailIf(!(Adc.SupplyVolts >= 1.0 && Adc.SupplyVolts <= 5.5), "adc.supplyVolts", $"{Adc.SupplyVolts} V is out of range 1.0..5.5");
                break;
            case "none":
                break;
            default:
                Fail("adc.type", $"unknown ADC \"{Adc.Type}\" (mcp3008, ads1115 or none)");
                break;
        }

        // Knobs
        FailIf(Adc.Type == "none" && Knobs!.Length > 0, "knobs", "knobs need an ADC (adc.type is \"none\")");
        var bindings = new List<KnobBinding>();
        var channelOwner = new Dictionary<int, int>();
        var parameterOwner = new Dictionary<ParameterId, int>();
        for (var i = 0; i < Knobs!.Length; i++)
        {
            var k = Knobs[i];
            var f = $"knobs[{i}]";
            FailIf(k is null, f, "must be an object");
            if (k!.Channel < 0 || k.Channel >= channels)
            {
                Fail(f + ".channel", $"{k.Channel} is out of range 0..{channels - 1} for the {Adc.Type}");
            }

            if (channelOwner.TryGetValue(k.Channel, out var other))
            {
                Fail(f + ".channel", $"channel {k.Channel} is already used by knobs[{other}] (two knobs on one channel)");
            }

            channelOwner[k.Channel] = i;
            if (string.IsNullOrWhiteSpace(k.Parameter) || !Parameters.TryFind(k.Parameter, out var info))
            {
                Fail(f + ".parameter", $"unknown parameter \"{k.Parameter}\" (one of {string.Join(", ", Parameters.All.Select(p => p.Name))}, or their friendly names)");
            }
            else
            {
                if (parameterOwner.TryGetValue(info.Id, out var owner))
                {
                    Fail(f + ".parameter", $"{info.Name} is already on knobs[{owner}] (one knob per parameter)");
                }

                parameterOwner[info.Id] = i;
                var min = k.Min ?? info.KnobMin;
                var max = k.Max ?? info.KnobMax;
                if (!float.IsFinite(min) || min < info.PresetMin || min > info.PresetMax)
                {
                    Fail(f + ".min", $"{min} is outside {info.Name}'s range {info.PresetMin}..{info.PresetMax}");
                }

                if (!float.IsFinite(max) || max < info.PresetMin || max > info.PresetMax)
                {
                    Fail(f + ".max", $"{max} is outside {info.Name}'s range {info.PresetMin}..{info.PresetMax}");
                }

                FailIf(min == max, f + ".max", $"equals min ({min}): the knob would do nothing");
                KnobTaper taper = KnobTaper.Linear;
                switch (k.Taper)
                {
                    case "linear": taper = KnobTaper.Linear; break;
                    case "log": taper = KnobTaper.Log; break;
                    case "antilog": taper = KnobTaper.AntiLog; break;
                    default: Fail(f + ".taper", $"unknown taper \"{k.Taper}\" (linear, log or antilog)"); break;
                }

                bindings.Add(new KnobBinding(k.Channel, info.Id, new KnobMapping(min, max, taper)));
            }
        }

        // Scanning
        var s = KnobScan!;
        FailIf(!(s.IntervalMs >= 1 && s.IntervalMs <= 10), "knobScan.intervalMs", $"{s.IntervalMs} ms is out of range 1..10 (each knob at least 100 Hz)");
        if (Adc.Type == "ads1115" && s.IntervalMs < 1.2 * Knobs.Length)
        {
            Fail("knobScan.intervalMs", $"{s.IntervalMs} ms is too short for {Knobs.Length} knobs on the ADS1115 (about 1.2 ms per conversion: at least {1.2 * Knobs.Length:0.#} ms)");
        }

        FailIf(!(s.SmoothingMs >= 0 && s.SmoothingMs <= 50), "knobScan.smoothingMs", $"{s.SmoothingMs} ms is out of range 0..50");
        FailIf(!(s.HysteresisLsb >= 0.5 && s.HysteresisLsb <= 64), "knobScan.hysteresisLsb", $"{s.HysteresisLsb} is out of range 0.5..64");
        FailIf(!(s.EndZonePercent >= 0 && s.EndZonePercent <= 10), "knobScan.endZonePercent", $"{s.EndZonePercent} is out of range 0..10");
        FailIf(Takeover is not ("pickup" or "jump"), "takeover", $"unknown takeover \"{Takeover}\" (pickup or jump)");

        // GPIO
        var switches = new List<FootswitchBinding>();
        FootswitchConfig[] list;
        string prefix;
        if (Footswitches is not null)
        {
            FailIf(_footswitchGiven, "footswitches", "give either footswitch (one) or footswitches (one to four), not both");
            FailIf(Footswitches.Length is < 1 or > 4, "footswitches", $"{Footswitches.Length} footswitches: give one to four (or none: \"footswitch\": {{ \"pin\": null }})");
            list = Footswitches;
            prefix = "footswitches";
        }
        else
        {
            list = [Footswitch!];
            prefix = "footswitch";
        }

        var pinOwner = new Dictionary<int, string>();
        for (var i = 0; i < list.Length; i++)
        {
            var fs = list[i];
            var f = Footswitches is null ? prefix : $"{prefix}[{i}]";
            FailIf(fs is null, f, "must be an object");
            if (fs!.Pin is { } fp)
            {
                CheckPin(f + ".pin", fp);
                FailIf(pinOwner.TryGetValue(fp, out var owner), f + ".pin", $"GPIO {fp} is already {owner}'s pin");
                pinOwner[fp] = f;
            }
            else if (Footswitches is not null)
            {
                Fail(f + ".pin", "each entry of footswitches needs a pin");
            }

            FailIf(!(fs.DebounceMs >= 5 && fs.DebounceMs <= 100), f + ".debounceMs", $"{fs.DebounceMs} ms is out of range 5..100");
            FailIf(!(fs.HoldMs >= 200 && fs.HoldMs <= 5000), f + ".holdMs", $"{fs.HoldMs} ms is out of range 200..5000");
            FailIf(!FootswitchGesture.TryParse(fs.Tap, out var tap), f + ".tap", $"unknown action \"{fs.Tap}\" ({FootswitchGesture.Choices})");
            FailIf(!FootswitchGesture.TryParse(fs.Hold, out var hold), f + ".hold", $"unknown action \"{fs.Hold}\" ({FootswitchGesture.Choices})");
            FailIf(fs.TapOn is not (null or "press" or "release"), f + ".tapOn", $"unknown \"{fs.TapOn}\" (press or release)");
            var tapOnPress = fs.TapOn switch
            {
                "press" => true,
                "release" => false,
                _ => hold.Action == FootswitchAction.None,
            };
            if (fs.Pin is { } pin)
            {
                switches.Add(new FootswitchBinding(pin, fs.DebounceMs, fs.HoldMs, tap, hold, tapOnPress));
            }
        }

        if (Footswitches is not null)
        {
            _footswitch = Footswitches[0];
        }

        if (Led!.Pin is { } lp)
        {
            CheckPin("led.pin", lp);
            FailIf(pinOwner.TryGetValue(lp, out var owner), "led.pin", $"GPIO {lp} is already {owner}'s pin");
        }

        // MIDI
        var midi = Midi;
        FailIf(midi is null, "midi", "must be an object");
        var midiChannel = -1;
        if (midi!.Channel is { } ch)
        {
            if (ch.ValueKind == System.Text.Json.JsonValueKind.String && ch.GetString() == "omni")
            {
                midiChannel = -1;
            }
            else if (ch.ValueKind == System.Text.Json.JsonValueKind.Number && ch.TryGetInt32(out var n) && n is >= 1 and <= 16)
            {
                midiChannel = n - 1;
            }
            else
            {
                Fail("midi.channel", $"{ch.GetRawText()} is not \"omni\" or a channel 1..16");
            }
        }

        FailIf(midi.Cc is null, "midi.cc", "must be an object of \"CC number\": \"parameter or action\"");
        var targets = new MidiTarget[128];
        foreach (var (key, name) in midi.Cc!)
        {
            FailIf(!MidiMap.TryParseCc(key, out var cc, out var why), $"midi.cc.{key}", why);
            FailIf(!MidiMap.TryResolve(name, bindings, out var target, out why), $"midi.cc.{key}", why);
            targets[cc] = target;
        }

        if (midi.Serial is not null && (string.IsNullOrWhiteSpace(midi.Serial) || !Path.IsPathRooted(midi.Serial)))
        {
            Fail("midi.serial", $"\"{midi.Serial}\" must be an absolute device path (/dev/ttyAMA0) or null");
        }

        // Expression pedal
        var ex = Expression;
        FailIf(ex is null, "expression", "must be an object");
        ExpressionMapping? expression = null;
        if (ex!.Channel is { } exch)
        {
            FailIf(exch < 0 || exch >= channels, "expression.channel", channels == 0 ? "the expression pedal needs an ADC (adc.type is \"none\")" : $"{exch} is out of range 0..{channels - 1} for the {Adc.Type}");
            FailIf(channelOwner.TryGetValue(exch, out var knob), "expression.channel", $"channel {exch} is knobs[{knob}]'s: the pedal needs a free channel (remove or move a knob)");
        }

        if (ex.Parameter is not null)
        {
            Parameters.TryFind(ex.Parameter, out var pinfo);
            expression = ExpressionMapping.TryCreate(ex.Parameter, ex.Heel ?? pinfo?.KnobMin ?? 0, ex.Toe ?? pinfo?.KnobMax ?? 0, "expression", out var why);
            if (expression is null)
            {
                var dot = why!.IndexOf(':');
                Fail(why[..dot], why[(dot + 2)..]);
            }
        }

        // Audio
        var a = Audio!;
        FailIf(a.Device is null, "audio.device", "must be a string (\"\" for the default device)");
        FailIf(a.SampleRateHz is not (44100 or 48000 or 96000), "audio.sampleRateHz", $"{a.SampleRateHz} is not one of 44100, 48000, 96000");
        FailIf(a.FramesPerBuffer is < 16 or > 4096, "audio.framesPerBuffer", $"{a.FramesPerBuffer} is out of range 16..4096");
        FailIf(a.InputChannel is < 0 or > 31, "audio.inputChannel", $"{a.InputChannel} is out of range 0..31");
        FailIf(a.OutputChannels is null || a.OutputChannels.Length is < 1 or > 8, "audio.outputChannels", "needs 1..8 channels");
        for (var i = 0; i < a.OutputChannels!.Length; i++)
        {
            FailIf(a.OutputChannels[i] is < 0 or > 31, $"audio.outputChannels[{i}]", $"{a.OutputChannels[i]} is out of range 0..31");
            FailIf(Array.IndexOf(a.OutputChannels, a.OutputChannels[i]) != i, $"audio.outputChannels[{i}]", $"channel {a.OutputChannels[i]} is listed twice");
        }

        FailIf(a.Oversampling is not (1 or 2 or 4 or 8), "audio.oversampling", $"{a.Oversampling} is not one of 1, 2, 4, 8");
        FailIf(!QualityNames.TryParse(a.Quality, out _), "audio.quality", $"unknown quality \"{a.Quality}\" ({QualityNames.List})");
        FailIf(a.HostApi is not ("any" or "ALSA" or "JACK"), "audio.hostApi", $"unknown host API \"{a.HostApi}\" (any, ALSA or JACK)");
        if (a.SuggestedLatencyMs is { } latencyMs && (double.IsNaN(latencyMs) || latencyMs is < 1 or > 500))
        {
            Fail("audio.suggestedLatencyMs", $"{latencyMs} is out of range 1..500 ms (or null for the device's default)");
        }

        FailIf(a.RealtimePriority is < 1 or > 99, "audio.realtimePriority", $"{a.RealtimePriority} is out of range 1..99");
        FailIf(GpioChip is < 0 or > 15, "gpioChip", $"{GpioChip} is out of range 0..15 (the N of /dev/gpiochipN)");

        // Paths
        FailIf(string.IsNullOrWhiteSpace(DataDir) || !Path.IsPathRooted(DataDir), "dataDir", $"\"{DataDir}\" must be an absolute path");
        FailIf(string.IsNullOrWhiteSpace(SocketPath) || !Path.IsPathRooted(SocketPath), "socketPath", $"\"{SocketPath}\" must be an absolute path");

        ResolvedKnobs = bindings;
        ResolvedFootswitches = switches;
        ResolvedMidi = new MidiMap(midiChannel, targets);
        ResolvedExpression = expression;

        void CheckPin(string field, int pin)
        {
            FailIf(pin is < 0 or > 27, field, $"GPIO {pin} is out of range 0..27 (the Pi header's BCM numbers)");
            if (Adc!.Type == "mcp3008" && Adc.EffectiveBus == 0 && pin is >= 7 and <= 11)
            {
                Fail(field, $"GPIO {pin} is an SPI0 pin used by the MCP3008 (GPIO 7-11)");
            }

            if (Adc.Type == "ads1115" && Adc.EffectiveBus == 1 && pin is 2 or 3)
            {
                Fail(field, $"GPIO {pin} is an I2C1 pin used by the ADS1115 (GPIO 2-3)");
            }
        }
    }
}
