using System.CommandLine;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Service;
using NAudio.Wave;

namespace GruPedalPi.Firmware.Cli;

/// <summary>
/// The options <c>run</c>, <c>soak</c> and <c>demo</c> share: the audio device and buffer, the configuration file,
/// the chain's structure, and the parameters (one option per parameter, by canonical name, as <c>render</c>).
/// </summary>
internal sealed class RunOptionSet
{
    private readonly PedalOptionSet _pedal = new(unitOnly: false);

    public Option<string?> Device { get; } = new("--device") { Description = "Audio device name or a unique part of it (see `gru-pedal devices`); overrides audio.device" };
    public Option<int?> Frames { get; } = new("--frames") { Description = "Frames per buffer, 16..4096 (under JACK: the server's period); overrides audio.framesPerBuffer" };
    public Option<double?> Rate { get; } = new("--rate") { Description = "Sample rate in Hz: 44100, 48000 or 96000; overrides audio.sampleRateHz" };
    public Option<FileInfo?> Config { get; } = new("--config") { Description = "Configuration file (default /etc/gru-pedal/config.json when it exists, else built-in defaults)" };
    public Option<bool> Stereo { get; } = new("--stereo") { Description = "Two independent units: stereo in, stereo out; overrides audio.stereo" };
    public Option<bool> Bypass { get; } = new("--bypass") { Description = "Start bypassed" };
    public Option<double> Warmup { get; } = new("--warmup") { Description = "Seconds of start-up kept out of the steady-state statistics", DefaultValueFactory = _ => 1.0 };

    public Option<string> Preset => _pedal.Preset;

    public void AddTo(Command command)
    {
        command.Options.Add(Device);
        command.Options.Add(Frames);
        command.Options.Add(Rate);
        command.Options.Add(Config);
        command.Options.Add(Stereo);
        command.Options.Add(Bypass);
        command.Options.Add(Warmup);
        _pedal.AddTo(command);
    }

    /// <summary>The configuration file (or defaults). Throws <see cref="ConfigException"/> naming the file and field.</summary>
    public PedalConfig LoadConfig(ParseResult result) => ConfigLoader.Load(result.GetValue(Config)?.FullName);

    /// <summary>The service options from the configuration's audio section, overridden by the command line (render's options for the chain).</summary>
    public PedalServiceOptions ResolveOptions(ParseResult result, PedalConfig config)
    {
        var audio = config.Audio;
        bool stereo = audio.Stereo || result.GetValue(Stereo);
        var fromConfig = new ChainOptions
        {
            OversamplingFactor = audio.Oversampling,
            Quality = QualityNames.TryParse(audio.Quality, out var quality) ? quality : OversamplingQuality.Standard,
            FastMath = audio.FastMath,
            Channels = stereo ? 2 : 1,
        };
        var chain = fromConfig;
        var cli = _pedal.GetChainOptions(result, stereo ? 2 : 1);
        if (_pedal.Oversample is { } o && result.GetResult(o) is { Implicit: false })
        {
            chain = chain with { OversamplingFactor = cli.OversamplingFactor };
        }

        if (_pedal.Quality is { } q && result.GetResult(q) is { Implicit: false })
        {
            chain = chain with { Quality = cli.Quality };
        }

        if ((_pedal.Fast is { } f && result.GetResult(f) is { Implicit: false }) || (_pedal.Exact is { } e && result.GetResult(e) is { Implicit: false }))
        {
            chain = chain with { FastMath = cli.FastMath };
        }

        return new PedalServiceOptions
        {
            DeviceName = result.GetValue(Device) ?? (string.IsNullOrWhiteSpace(audio.Device) ? null : audio.Device),
            FramesPerBuffer = result.GetValue(Frames) ?? audio.FramesPerBuffer,
            SampleRateHz = result.GetValue(Rate) ?? audio.SampleRateHz,
            Chain = chain,
            Routing = new EngineRouting { InputChannel = audio.InputChannel, OutputChannels = audio.OutputChannels, Stereo = stereo },
            WarmupSeconds = result.GetValue(Warmup),
            HostApi = audio.HostApi == "any" ? null : audio.HostApi,
            SuggestedLatencyMs = audio.SuggestedLatencyMs,
            RealtimePriority = audio.RealtimePriority,
        };
    }

    /// <summary>The start-up settings: defaults or the preset, then each parameter option (as render takes them).</summary>
    public (PedalSettings Settings, string? Preset) ResolveSettings(ParseResult result)
    {
        var settings = _pedal.GetSettings(result);
        string? name = result.GetValue(_pedal.Preset);
        return (settings, name is null ? null : FactoryPresets.Find(name)?.Name);
    }

    /// <summary>True when the command line names the sound: <c>--preset</c> or any parameter option.</summary>
    public bool SettingsGiven(ParseResult result)
    {
        if (result.GetResult(_pedal.Preset) is { Implicit: false })
        {
            return true;
        }

        foreach (var child in result.CommandResult.Children)
        {
            if (child is System.CommandLine.Parsing.OptionResult { Implicit: false } option
                && Parameters.TryFind(option.Option.Name.TrimStart('-').Replace('-', '_'), out _))
            {
                return true;
            }
        }

        return false;
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
}
