using System.Diagnostics;

namespace GruPedalPi.Firmware.Tests.Service;

public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_plays_the_scripted_performance_on_the_paced_backend_and_writes_its_files()
    {
        string dir = Directory.CreateTempSubdirectory("gru-demo-").FullName;
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "gru-pedal")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "demo", "--paced", "-o", dir })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), output);
        Assert.True(p.ExitCode == 0, output + await error);

        foreach (var file in new[] { "live.wav", "riff-dry.wav", "riff-wet.wav", "curve.png", "harmonics.png", "summary.txt" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, file)).Length > 0, file);
        }

        string summary = File.ReadAllText(Path.Combine(dir, "summary.txt"));
        Assert.Contains("paced file backend", summary);
        Assert.Contains("Knob       -> engaged", summary);       // the Drive knob took over
        Assert.Contains("Footswitch -> bypassed", summary);      // the stomp
        Assert.Contains("\"Odd Fuzz\"", summary);                // the hold stepped to the next preset
        Assert.Contains("callback time", summary);
        Assert.True(new FileInfo(Path.Combine(dir, "live.wav")).Length > 48000 * 4 * 6, "about 8 s of live recording");
        Directory.Delete(dir, recursive: true);
    }
}
