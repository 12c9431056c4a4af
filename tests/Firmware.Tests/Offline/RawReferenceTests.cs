using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Cli;
using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Tests.Support;
using NAudio.Wave;

namespace GruPedalPi.Firmware.Tests.Offline;

public sealed class RawReferenceTests
{
    public static TheoryData<string> ReferenceFiles() => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "gru"), "*.csv").Select(Path.GetFileName).Order()!);

    [Fact]
    public void The_reference_vectors_are_copied_next_to_the_tests()
    {
        Assert.True(ReferenceFiles().Count >= 10, "tests/Dsp.Tests/Data/gru/*.csv should be linked into the test output");
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Raw_render_follows_the_seed_formula_on_the_reference_input(string file)
    {
        var (settings, x, y) = ReadReference(Path.Combine(AppContext.BaseDirectory, "Data", "gru", file));
        using var folder = new TempDir();
        using (var writer = new WaveFileWriter(folder.File("x.wav"), WaveFormat.CreateIeeeFloatWaveFormat(44100, 1)))
        {
            writer.WriteSamples(x, 0, x.Length);
        }

        var args = new List<string> { folder.File("x.wav"), folder.File("y.wav"), "--raw", "-q" };
        foreach (var p in Parameters.All.Where(p => ParameterText.IsUnitParameter(p.Id)))
        {
            args.Add("--" + p.Name);
            args.Add(settings[p.Id].ToString("R", CultureInfo.InvariantCulture));
        }

        var (exit, _, error) = CommandRunner.Run(RenderCommand.Create(), [.. args]);

        Assert.True(exit == 0, error);
        var (_, output) = TestWav.ReadFloat(folder.File("y.wav"));
        Assert.Equal(x.Length, output[0].Length);

        // Bit for bit the DSP library's MinimalGatedUnit (exact math) alone, from rest, parameters fixed from the first sample.
        var unit = (float[])x.Clone();
        new MinimalGatedUnit(settings, fastMath: false).Process(unit);
        Assert.Equal(unit, output[0]);

        // And the seed's formula: float32 arithmetic against the double-precision reference. Each step rounds at
        // about 6e-8 relative and the recurrence is contractive (|dy/dy1| < 1), so errors stay near 1e-6; 2e-5 leaves room
        // for the steepest settings (Uh=4, Uf=6) where a rounding near a switching point is amplified briefly.
        double worst = 0;
        for (int n = 0; n < y.Length; n++)
        {
            worst = Math.Max(worst, Math.Abs(output[0][n] - y[n]));
        }

        Assert.True(worst < 2e-5, $"{file}: largest difference {worst:E2}");
    }

    internal static (PedalSettings Settings, float[] X, double[] Y) ReadReference(string path)
    {
        var lines = File.ReadAllLines(path);
        var settings = PedalSettings.Defaults;
        foreach (var token in lines[0].TrimStart('#').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = token.Split('=');
            if (Parameters.TryFind(kv[0], out var info))
            {
                settings[info.Id] = float.Parse(kv[1], CultureInfo.InvariantCulture);
            }
        }

        var rows = lines.Skip(2).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var x = rows.Select(r => (float)double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();
        var y = rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        return (settings, x, y);
    }
}
