using System.CommandLine;
using System.Globalization;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Offline;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal render IN.wav OUT.wav`: renders a WAV file through the pedal chain (or the seed's raw unit).</summary>
internal static class RenderCommand
{
    /// <summary>Files longer than this many seconds of audio get a progress bar (when stderr is a terminal).</summary>
    private const double ProgressBarMinSeconds = 20;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("IN.wav")
        {
            Description = "Input: 16/24/32-bit PCM or 32-bit float WAV, mono or stereo, 44.1 to 192 kHz.",
        };
        var output = new Argument<string>("OUT.wav")
        {
            Description = "Output: 32-bit float WAV at the input's rate and channel count (replaced if it exists).",
        };
        var pedal = new PedalOptionSet(unitOnly: false);
        var raw = new Option<bool>("--raw")
        {
            Description = "The seed's unit alone: exact math, no oversampling, gain, filter or mix, parameters fixed from " +
                          "the first sample, to compare with the original plugin sample for sample. Only the unit's five " +
                          "parameters (and --preset) apply.",
        };
        var keepLatency = new Option<bool>("--keep-latency")
        {
            Description = "Do not compensate the chain's latency: the output starts with the chain's delay and its tail " +
                          "is cut at the input's length.",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors." };

        var command = new Command(
            "render",
            "Render a WAV file through the pedal. Every stage but the unit is neutral unless set (0 dB, mix 1, flat tone). " +
            "The output is latency-compensated: the chain's latency (oversampling filters) is trimmed from the start " +
            "and the tail flushed, so the output has the input's length and lines up with it sample for sample " +
            "(--keep-latency turns this off).");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        pedal.AddTo(command);
        command.Options.Add(raw);
        command.Options.Add(keepLatency);
        command.Options.Add(quiet);

        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            try
            {
                bool isRaw = parseResult.GetValue(raw);
                if (isRaw && pedal.FirstNonUnitOptionGiven(parseResult) is { } conflicting)
                {
                    throw new UsageException($"{conflicting}: not available with --raw (the unit alone has only wf, wh, uf, uh, bf)");
                }

                var settings = pedal.GetSettings(parseResult);
                var chain = pedal.GetChainOptions(parseResult, channels: 1);
                var job = new RenderJob(settings, chain, isRaw, CompensateLatency: !parseResult.GetValue(keepLatency));
                var inPath = parseResult.GetValue(input)!;
                var outPath = parseResult.GetValue(output)!;

                ProgressBar? bar = null;
                Action<double>? progress = null;
                if (!parseResult.GetValue(quiet) && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected)
                {
                    bar = new ProgressBar(stderr, "render");
                    progress = fraction => bar.Report(fraction);
                }

                var report = OfflineRenderer.RenderFile(inPath, outPath, job, LongFileOnly(inPath, progress));
                bar?.Finish();
                if (!parseResult.GetValue(quiet))
                {
                    var c = CultureInfo.InvariantCulture;
                    string what = isRaw
                        ? "raw unit (no latency)"
                        : string.Create(c, $"chain {chain.OversamplingFactor}x {Configuration.QualityNames.Name(chain.Quality)} {(chain.FastMath ? "fast" : "exact")}, latency {report.LatencySamples} samples {(job.CompensateLatency ? "compensated" : "kept")}");
                    stdout.WriteLine(string.Create(
                        c,
                        $"{outPath}: {report.Frames} frames, {report.Channels} ch, {report.SampleRateHz} Hz, 32-bit float; {what}; " +
                        $"peak in {report.InputPeak:0.000} out {report.OutputPeak:0.000}; {report.RealTimeFactor:0}x real time"));
                }

                return 0;
            }
            catch (UsageException e)
            {
                stderr.WriteLine($"gru-pedal render: {e.Message}");
                return UsageException.ExitCode;
            }
        });
        return command;
    }

    private static Action<double>? LongFileOnly(string inPath, Action<double>? progress)
    {
        if (progress is null)
        {
            return null;
        }

        // Approximate the duration from the file size (4 bytes a sample at worst); short files get no bar.
        try
        {
            var bytes = new FileInfo(inPath).Length;
            return bytes > ProgressBarMinSeconds * 44100 * 2 ? progress : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
