using System.Diagnostics;
using GruPedalPi.Firmware.Cli;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Offline;

/// <summary>Checks the WAV handling against an independent implementation: SoX (installed by test.sh).</summary>
public sealed class SoxInteropTests
{
    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{file} is missing: run ./test.sh, which installs sox", e);
        }

        using (p)
        {
            var output = p.StandardOutput.ReadToEnd();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: {error}");
            return output;
        }
    }

    [Theory]
    [InlineData("16", "1", "44100")]
    [InlineData("24", "2", "96000")]
    [InlineData("32", "2", "192000")]
    public void A_file_written_by_sox_renders_and_sox_reads_the_result_as_float_at_the_same_rate_and_length(string bits, string channels, string rate)
    {
        using var folder = new TempDir();
        // sox writes WAVE_FORMAT_EXTENSIBLE for 24/32-bit and for more than 16 bits in general.
        Run("sox", "-n", "-r", rate, "-b", bits, "-c", channels, folder.File("in.wav"), "synth", "0.25", "pluck", "110", "vol", "0.5");

        var (exit, _, error) = CommandRunner.Run(RenderCommand.Create(), folder.File("in.wav"), folder.File("out.wav"), "--drive", "3", "-q");

        Assert.True(exit == 0, error);
        Assert.Equal(Run("soxi", "-s", folder.File("in.wav")).Trim(), Run("soxi", "-s", folder.File("out.wav")).Trim());
        Assert.Equal(rate, Run("soxi", "-r", folder.File("out.wav")).Trim());
        Assert.Equal(channels, Run("soxi", "-c", folder.File("out.wav")).Trim());
        Assert.Equal("32", Run("soxi", "-b", folder.File("out.wav")).Trim());
        Assert.Contains("Floating Point", Run("soxi", "-e", folder.File("out.wav")));
    }
}
