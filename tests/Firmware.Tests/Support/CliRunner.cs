using System.Diagnostics;

namespace GruPedalPi.Firmware.Tests.Support;

/// <summary>Runs the built gru-pedal executable.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "gru-pedal"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "gru-pedal did not finish within a minute");
        return (p.ExitCode, stdout, stderr.Result);
    }

    public static string TempFile(string contents, string extension = ".txt")
    {
        var path = Path.Combine(Path.GetTempPath(), "gru-sim-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllText(path, contents);
        return path;
    }

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);
}
