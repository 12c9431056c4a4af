using System.Diagnostics;

namespace GruPedalPi.Firmware.Tests;

public sealed class CliTests
{
    [Fact]
    public void The_executable_prints_its_help()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "gru-pedal");
        var psi = new ProcessStartInfo(exe, "--help") { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Contains("render", text);
    }
}
