using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Engine;
using NAudio.Wave;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// The options <c>run</c>, <c>soak</c> and <c>demo</c> share: the audio device and buffer, the configuration file,
/// the chain's structure, and the parameters (one option per parameter, by canonical name, as <c>render</c>).
/// </summary>
internal sealed class RunOptionSet
{
    public Option<string?> Device { get; } = new("--device") { Description = "Audio device name or a unique part of it (see `gru-pedal devices`)" };
    public Option<int?> Frames { get; } = new("--frames") { Description = "Frames per buffer, 16..4096 (under JACK: the server's period)" };
    public Option<double?> Rate { get; } = new("--rate") { Description = "Sample rate in Hz: 44100, 48000 or 96000" };
    public Option<FileInfo?> Config { get; } = new("--config") { Description = "Configuration file (its `audio` section)" };
    public Option<int?> Oversampling { get; } = new("--oversampling") { Description = "Oversampling factor: 1, 2, 4 or 8" };
    public Option<OversamplingQuality?> Quality { get; } = new("--quality") { Description = "Oversampling filter quality: Standard or High" };
    public Option<bool> ExactMath { get; } = new("--exact-math") { Description = "Use MathF tanh/exp instead of the fast approximations" };
    public Option<bool> Stereo { get; } = new("--stereo") { Description = "Two independent units: stereo in, stereo out" };
    public Option<string?> Preset { get; } = new("--preset") { Description = "Start from this factory preset" };
    public Option<bool> Bypass { get; } = new("--bypass") { Description = "Start bypassed" };
    public Option<double> Warmup { get; } = new("--warmup") { Description = "Seconds of start-up kept out of the steady-state statistics", DefaultValueFactory = _ => 1.0 };
    public IReadOnlyList<(ParameterInfo Info, Option<float?> Option)> ParameterOptions { get; }

    public RunOptionSet()
    {
        ParameterOptions = Parameters.All.Select(p => (p, new Option<float?>("--" + p.Name.Replace('_', '-'))
        {
            Description = $"{p.FriendlyName}: {p.Description} ({p.PresetMin}..{p.PresetMax}{(p.Unit.Length > 0 ? " " + p.Unit : "")}, default {p.Default})",
        })).ToList();
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Device);
        command.Options.Add(Frames);
        command.Options.Add(Rate);
        command.Options.Add(Config);
        command.Options.Add(Oversampling);
        command.Options.Add(Quality);
        command.Options.Add(ExactMath);
        command.Options.Add(Stereo);
        command.Options.Add(Preset);
        command.Options.Add(Bypass);
        command.Options.Add(Warmup);
        foreach (var (_, option) in ParameterOptions)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The service options from the configuration file, overridden by the command line.</summary>
    public PedalServiceOptions ResolveOptions(ParseResult result)
    {
        var options = new PedalServiceOptions();
        var config = result.GetValue(Config);
        if (config is not null)
        {
            options = ReadConfig(config.FullName, options);
        }

        var chain = options.Chain;
        if (result.GetValue(Oversampling) is { } os)
        {
            chain = chain with { OversamplingFactor = os };
        }

        if (result.GetValue(Quality) is { } q)
        {
            chain = chain with { Quality = q };
        }

        if (result.GetValue(ExactMath))
        {
            chain = chain with { FastMath = false };
        }

        var routing = options.Routing;
        if (result.GetValue(Stereo))
        {
            routing = routing with { Stereo = true };
        }

        chain = chain with { Channels = routing.Stereo ? 2 : 1 };
        return options with
        {
            DeviceName = result.GetValue(Device) ?? options.DeviceName,
            FramesPerBuffer = result.GetValue(Frames) ?? options.FramesPerBuffer,
            SampleRateHz = result.GetValue(Rate) ?? options.SampleRateHz,
            Chain = chain,
            Routing = routing,
            WarmupSeconds = result.GetValue(Warmup),
        };
    }

    /// <summary>The start-up settings: defaults or the preset, then each parameter option.</summary>
    public (PedalSettings Settings, string? Preset) ResolveSettings(ParseResult result)
    {
        var settings = PedalSettings.Defaults;
        string? presetName = result.GetValue(Preset);
        if (presetName is not null)
        {
            var preset = FactoryPresets.Find(presetName)
                ?? throw new ArgumentException($"--preset: no factory preset \"{presetName}\" (there are: {string.Join(", ", FactoryPresets.All.Select(p => p.Name))})");
            settings = preset.Settings;
            presetName = preset.Name;
        }

        foreach (var (info, option) in ParameterOptions)
        {
            if (result.GetValue(option) is { } v)
            {
                if (v < info.PresetMin || v > info.PresetMax)
                {
                    throw new ArgumentException($"--{info.Name.Replace('_', '-')}: {v.ToString(CultureInfo.InvariantCulture)} is outside {info.PresetMin}..{info.PresetMax}");
                }

                settings[info.Id] = v;
            }
        }

        return (settings, presetName);
    }

    /// <summary>Loads a WAV file as a loop (mono, or both channels in stereo); its rate must be the stream's.</summary>
    public static LoopedInput LoadInput(string path, double sampleRateHz, bool stereo)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--input-file: {path} does not exist", path);
        }

        using var reader = new WaveFileReader(path);
        if (reader.WaveFormat.SampleRate != (int)sampleRateHz)
        {
            throw new ArgumentException($"--input-file: {path} is at {reader.WaveFormat.SampleRate} Hz but the stream runs at {sampleRateHz} Hz (use --rate {reader.WaveFormat.SampleRate})");
        }

        var provider = reader.ToSampleProvider();
        int channels = provider.WaveFormat.Channels;
        var all = new List<float>();
        var buffer = new float[8192 * channels];
        int n;
        while ((n = provider.Read(buffer.AsSpan())) > 0)
        {
            all.AddRange(buffer.AsSpan(0, n));
        }

        int frames = all.Count / channels;
        if (frames == 0)
        {
            throw new ArgumentException($"--input-file: {path} holds no audio");
        }

        var left = new float[frames];
        var right = stereo && channels > 1 ? new float[frames] : null;
        for (int i = 0; i < frames; i++)
        {
            left[i] = all[i * channels];
            if (right is not null)
            {
                right[i] = all[i * channels + 1];
            }
        }

        return new LoopedInput(left, right);
    }

    private static PedalServiceOptions ReadConfig(string path, PedalServiceOptions options)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--config: {path} does not exist", path);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!doc.RootElement.TryGetProperty("audio", out var audio))
        {
            return options;
        }

        var chain = options.Chain;
        var routing = options.Routing;
        foreach (var p in audio.EnumerateObject())
        {
            try
            {
                switch (p.Name)
                {
                    case "device": options = options with { DeviceName = p.Value.GetString() }; break;
                    case "sampleRateHz": options = options with { SampleRateHz = p.Value.GetDouble() }; break;
                    case "framesPerBuffer": options = options with { FramesPerBuffer = p.Value.GetInt32() }; break;
                    case "inputChannel": routing = routing with { InputChannel = p.Value.GetInt32() }; break;
                    case "outputChannels": routing = routing with { OutputChannels = p.Value.EnumerateArray().Select(e => e.GetInt32()).ToArray() }; break;
                    case "stereo": routing = routing with { Stereo = p.Value.GetBoolean() }; break;
                    case "oversampling": chain = chain with { OversamplingFactor = p.Value.GetInt32() }; break;
                    case "quality": chain = chain with { Quality = Enum.Parse<OversamplingQuality>(p.Value.GetString() ?? "", ignoreCase: true) }; break;
                    case "fastMath": chain = chain with { FastMath = p.Value.GetBoolean() }; break;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
            {
                throw new ArgumentException($"{path}: audio.{p.Name} has a wrong value ({p.Value.GetRawText()}): {e.Message}");
            }
        }

        return options with { Chain = chain, Routing = routing };
    }
}
