using System.Text.Json;
using GruPedalPi.Firmware.Cli;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Cli;

public sealed class BenchCommandTests
{
    private static void AssertPositiveFinite(JsonElement e, string name)
    {
        Assert.Equal(JsonValueKind.Number, e.ValueKind);
        double v = e.GetDouble();
        Assert.True(double.IsFinite(v) && v > 0, $"{name} = {v}");
    }

    [Fact]
    public void Bench_json_has_every_figure_as_a_positive_finite_number()
    {
        var (exit, output, error) = CommandRunner.Run(BenchCommand.Create(), "--json", "--samples", "6400", "--runs", "1");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        AssertPositiveFinite(root.GetProperty("gru_exact_ns_per_sample"), "gru_exact_ns_per_sample");
        AssertPositiveFinite(root.GetProperty("gru_fast_ns_per_sample"), "gru_fast_ns_per_sample");
        var chain = root.GetProperty("chain_ns_per_sample");
        var rtf = root.GetProperty("realtime_factor_48k_mono");
        foreach (var key in new[] { "1", "2", "4", "8" })
        {
            AssertPositiveFinite(chain.GetProperty(key), "chain " + key);
            AssertPositiveFinite(rtf.GetProperty(key), "real-time factor " + key);
        }

        Assert.Equal(6400, root.GetProperty("samples").GetInt64());
        // The tests run under the JIT, on this machine's architecture.
        var build = root.GetProperty("build");
        Assert.Equal("JIT", build.GetProperty("compilation").GetString());
        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            build.GetProperty("architecture").GetString());
        Assert.True(build.GetProperty("instruction_sets").GetArrayLength() > 0);
        Assert.Equal(4, chain.EnumerateObject().Count());
    }

    [Fact]
    public void Bench_prints_a_table_without_json()
    {
        var (exit, output, error) = CommandRunner.Run(BenchCommand.Create(), "--samples", "640", "--runs", "1");

        Assert.True(exit == 0, error);
        Assert.Contains("build: JIT, " + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), output);
        Assert.Contains("unit, exact", output);
        Assert.Contains("chain, 8x oversampling", output);
    }

    [Fact]
    public void Bench_refuses_too_few_samples()
    {
        var (exit, _, error) = CommandRunner.Run(BenchCommand.Create(), "--samples", "10");

        Assert.Equal(2, exit);
        Assert.Contains("--samples", error);
    }
}
