using System.Diagnostics;
using GruPedalPi.Firmware.Interop;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// A JACK server with the dummy backend that the soak benchmark (and the demo) start for themselves when no audio
/// device is given: <c>jackd -n NAME -R -P 80 -d dummy -r RATE -p FRAMES</c>, selected for this process through
/// JACK_DEFAULT_SERVER. Killed on dispose.
/// </summary>
internal sealed class JackDummyServer : IDisposable
{
    private readonly Process _process;

    private JackDummyServer(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>The server's name.</summary>
    public string Name { get; }

    /// <summary>True when a JACK server of this name answers (jack_wait -c).</summary>
    public static bool IsRunning(string name)
    {
        try
        {
            var output = RunTool("jack_wait", "-s", name, "-c");
            return output.Trim() == "running";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Starts a server and waits until it answers; null (with the reason) when jackd is missing or fails.</summary>
    public static JackDummyServer? TryStart(double sampleRateHz, int framesPerPeriod, out string? reason)
    {
        string name = $"gru-pedal-{Environment.ProcessId}";
        var psi = new ProcessStartInfo("jackd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-n", name, "-R", "-P", "80", "-d", "dummy", "-r", ((int)sampleRateHz).ToString(), "-p", framesPerPeriod.ToString() })
        {
            psi.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            reason = "jackd is not installed (apt-get install jackd2)";
            return null;
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        RunTool("jack_wait", "-s", name, "-w", "-t", "10");
        if (process.HasExited || !IsRunning(name))
        {
            reason = $"jackd -n {name} did not start";
            process.Dispose();
            return null;
        }

        LibC.SetEnvironment("JACK_DEFAULT_SERVER", name);
        reason = null;
        return new JackDummyServer(process, name);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: jackd unregisters from JACK's shared registry and frees its shared memory (a SIGKILL leaks both).
            LibC.Kill(_process.Id, 15);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }

            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static string RunTool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
