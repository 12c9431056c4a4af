using System.Globalization;
using System.Text;
using GruPedalPi.Firmware.Offline;

namespace GruPedalPi.Firmware.Demo;

/// <summary>What <see cref="OfflineDemo"/> produced.</summary>
/// <param name="PresetName">The preset the riff went through.</param>
/// <param name="Settings">Its settings, as "wf=... wh=... ..." text.</param>
/// <param name="SampleRateHz">Sample rate of the recordings, in Hz.</param>
/// <param name="DurationSeconds">Length of the riff, in seconds.</param>
/// <param name="DryPath">The dry riff (32-bit float WAV).</param>
/// <param name="WetPath">The riff through the pedal (32-bit float WAV).</param>
/// <param name="CurvePath">The unit's input/output curve for the preset (PNG).</param>
/// <param name="HarmonicsPath">The unit's harmonic response for the preset (PNG).</param>
/// <param name="Dry">Levels of the dry riff.</param>
/// <param name="Wet">Levels of the wet riff.</param>
/// <param name="LatencySamples">The chain's latency, compensated in the wet file.</param>
/// <param name="RenderRealTimeFactor">Seconds of audio rendered per second of wall-clock time.</param>
public sealed record DemoSummary(
    string PresetName,
    string Settings,
    int SampleRateHz,
    double DurationSeconds,
    string DryPath,
    string WetPath,
    string CurvePath,
    string HarmonicsPath,
    SignalLevels Dry,
    SignalLevels Wet,
    int LatencySamples,
    double RenderRealTimeFactor)
{
    /// <summary>The summary as the demo prints it.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine(c, $"gru-pedal demo: built-in riff ({DurationSeconds:0.0} s at {SampleRateHz} Hz) through \"{PresetName}\" ({Settings})");
        b.AppendLine(c, $"  dry  peak {Dry.PeakDbfs,6:0.0} dBFS  rms {Dry.RmsDbfs,6:0.0} dBFS  crest {Dry.CrestDb,5:0.0} dB  -> {DryPath}");
        b.AppendLine(c, $"  wet  peak {Wet.PeakDbfs,6:0.0} dBFS  rms {Wet.RmsDbfs,6:0.0} dBFS  crest {Wet.CrestDb,5:0.0} dB  -> {WetPath}");
        b.AppendLine(c, $"  chain latency {LatencySamples} samples (compensated); rendered at {RenderRealTimeFactor:0}x real time");
        b.AppendLine(c, $"  curve     -> {CurvePath}");
        b.Append(c, $"  harmonics -> {HarmonicsPath}");
        return b.ToString();
    }
}
