using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Plotting;
using GruPedalPi.Firmware.Signals;

namespace GruPedalPi.Firmware.Demo;

/// <summary>
/// The offline demo: renders the built-in guitar riff (<see cref="GuitarRiff"/>) through the pedal chain with a preset,
/// and writes into <see cref="OutputDirectory"/>: <c>riff-dry.wav</c>, <c>riff-wet.wav</c> (32-bit float, latency
/// compensated), <c>curve.png</c> and <c>harmonics.png</c> (the unit's figures for the preset). Needs no hardware.
/// </summary>
public sealed class OfflineDemo
{
    /// <summary>The dry recording's file name.</summary>
    public const string DryFileName = "riff-dry.wav";

    /// <summary>The wet recording's file name.</summary>
    public const string WetFileName = "riff-wet.wav";

    /// <summary>The curve figure's file name.</summary>
    public const string CurveFileName = "curve.png";

    /// <summary>The harmonic response figure's file name.</summary>
    public const string HarmonicsFileName = "harmonics.png";

    /// <summary>Creates the demo.</summary>
    /// <param name="outputDirectory">Folder to write into (created if missing).</param>
    /// <param name="preset">The preset to play through (default: the first factory preset, the pedal's default).</param>
    /// <param name="chainOptions">The chain's structural options (default: the pedal's, mono).</param>
    /// <param name="sampleRateHz">Rate of the riff and the render, 44100..192000 Hz (default 48000).</param>
    public OfflineDemo(string outputDirectory, FactoryPreset? preset = null, ChainOptions? chainOptions = null,
        int sampleRateHz = GuitarRiff.DefaultSampleRateHz)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, WavAudioReader.MinSampleRateHz);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRateHz, WavAudioReader.MaxSampleRateHz);
        OutputDirectory = outputDirectory;
        Preset = preset ?? FactoryPresets.All[0];
        ChainOptions = (chainOptions ?? new ChainOptions()) with { Channels = 1 };
        SampleRateHz = sampleRateHz;
    }

    /// <summary>The folder the files go to.</summary>
    public string OutputDirectory { get; }

    /// <summary>The preset the riff goes through.</summary>
    public FactoryPreset Preset { get; }

    /// <summary>The chain's structural options.</summary>
    public ChainOptions ChainOptions { get; }

    /// <summary>Rate of the riff and the render, in Hz.</summary>
    public int SampleRateHz { get; }

    /// <summary>Synthesizes the riff, renders it, writes the four files and returns the summary.</summary>
    public DemoSummary Run()
    {
        Directory.CreateDirectory(OutputDirectory);
        var dry = GuitarRiff.Render(SampleRateHz);
        var wet = OfflineRenderer.Render([dry], SampleRateHz, new RenderJob(Preset.Settings, ChainOptions), out var report)[0];

        var dryPath = Path.Combine(OutputDirectory, DryFileName);
        var wetPath = Path.Combine(OutputDirectory, WetFileName);
        var curvePath = Path.Combine(OutputDirectory, CurveFileName);
        var harmonicsPath = Path.Combine(OutputDirectory, HarmonicsFileName);
        WavFile.WriteFloat(dryPath, [dry], SampleRateHz);
        WavFile.WriteFloat(wetPath, [wet], SampleRateHz);
        CurveFigure.Save(curvePath, Preset.Settings, sweep: null, gain: 1.5, title: $"\"{Preset.Name}\": input/output curve");
        HarmonicsFigure.Save(harmonicsPath, Preset.Settings, HarmonicsFigure.DefaultGain, title: $"\"{Preset.Name}\": harmonic response");

        return new DemoSummary(
            Preset.Name,
            CurveFigure.Describe(Preset.Settings),
            SampleRateHz,
            dry.Length / (double)SampleRateHz,
            dryPath,
            wetPath,
            curvePath,
            harmonicsPath,
            SignalLevels.Measure(dry),
            SignalLevels.Measure(wet),
            report.LatencySamples,
            report.RealTimeFactor);
    }
}
