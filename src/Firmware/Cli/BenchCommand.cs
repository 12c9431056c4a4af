using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GruPedalPi.Firmware.Benchmarks;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Offline;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal bench`: single-thread speed of the unit (exact, fast) and the chain per oversampling factor.</summary>
internal static class BenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var samples = new Option<string>("--samples")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Samples per run and subject, {BenchRunner.BlockSize}..10000000000 (default {BenchRunner.DefaultSamples}; use at least 10 million for figures)."),
            HelpName = "N",
        };
        var runs = new Option<string>("--runs")
        {
            Description = $"Runs per subject, 1..100; the fastest counts (default {BenchRunner.DefaultRuns}).",
            HelpName = "N",
        };
        var command = new Command(
            "bench",
            "Measure the unit (exact and fast math) and the chain at 1x/2x/4x/8x oversampling on one thread, in ns per sample, " +
            "and the chain's real-time factor for 48 kHz mono");
        command.Options.Add(json);
        command.Options.Add(samples);
        command.Options.Add(runs);
        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            try
            {
                long n = ParseInteger("--samples", parseResult.GetValue(samples), BenchRunner.DefaultSamples, BenchRunner.BlockSize, 10_000_000_000);
                int r = (int)ParseInteger("--runs", parseResult.GetValue(runs), BenchRunner.DefaultRuns, 1, 100);
                bool asJson = parseResult.GetValue(json);
                var result = BenchRunner.Run(n, r, asJson ? null : subject => stderr.WriteLine($"bench: {subject} ..."));
                stdout.WriteLine(asJson ? ToJson(result) : ToTable(result));
                return 0;
            }
            catch (UsageException e)
            {
                stderr.WriteLine($"gru-pedal bench: {e.Message}");
                return UsageException.ExitCode;
            }
        });
        return command;
    }

    /// <summary>The result as one JSON object (keys: build {compilation "JIT"|"NativeAOT", architecture, instruction_sets [..],
    /// vector_bits}, samples, runs, block_size, gru_exact_ns_per_sample,
    /// gru_fast_ns_per_sample, chain_ns_per_sample {"1","2","4","8"}, realtime_factor_48k_mono {"1",...}).</summary>
    public static string ToJson(BenchResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            var build = BuildInfo.Current;
            w.WriteStartObject("build");
            w.WriteString("compilation", build.Compilation);
            w.WriteString("architecture", build.Architecture);
            w.WriteStartArray("instruction_sets");
            foreach (var set in build.InstructionSets)
            {
                w.WriteStringValue(set);
            }

            w.WriteEndArray();
            w.WriteNumber("vector_bits", build.VectorBits);
            w.WriteEndObject();
            w.WriteNumber("samples", result.Samples);
            w.WriteNumber("runs", result.Runs);
            w.WriteNumber("block_size", result.BlockSize);
            w.WriteNumber("gru_exact_ns_per_sample", Math.Round(result.GruExactNsPerSample, 3));
            w.WriteNumber("gru_fast_ns_per_sample", Math.Round(result.GruFastNsPerSample, 3));
            w.WriteStartObject("chain_ns_per_sample");
            foreach (var (factor, ns) in result.ChainNsPerSample.OrderBy(p => p.Key))
            {
                w.WriteNumber(factor.ToString(CultureInfo.InvariantCulture), Math.Round(ns, 3));
            }

            w.WriteEndObject();
            w.WriteStartObject("realtime_factor_48k_mono");
            foreach (var factor in result.ChainNsPerSample.Keys.Order())
            {
                w.WriteNumber(factor.ToString(CultureInfo.InvariantCulture), Math.Round(result.RealTimeFactor(factor), 1));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The result as a table for people.</summary>
    public static string ToTable(BenchResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var b = new System.Text.StringBuilder();
        b.AppendLine(c, $"build: {BuildInfo.Current.Describe()}");
        b.AppendLine(c, $"single thread, best of {result.Runs} runs of {result.Samples:N0} samples, blocks of {result.BlockSize}");
        b.AppendLine("subject                     ns/sample   x real time (48 kHz mono)");
        b.AppendLine(c, $"unit, exact (MathF)        {result.GruExactNsPerSample,10:0.00}");
        b.AppendLine(c, $"unit, fast                 {result.GruFastNsPerSample,10:0.00}");
        foreach (var (factor, ns) in result.ChainNsPerSample.OrderBy(p => p.Key))
        {
            b.AppendLine(c, $"chain, {factor}x oversampling    {ns,10:0.00}   {result.RealTimeFactor(factor),10:0}");
        }

        return b.ToString().TrimEnd();
    }

    private static long ParseInteger(string option, string? text, long fallback, long min, long max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: \"{text}\" is not a whole number (range {min}..{max})"));
        }

        if (value < min || value > max)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option}: {text} is out of range {min}..{max}"));
        }

        return value;
    }
}
