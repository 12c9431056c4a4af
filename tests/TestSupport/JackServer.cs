using System.Diagnostics;
using System.Text;

namespace GruPedalPi.TestSupport;

/// <summary>
/// A real JACK server with the dummy backend under a unique name (<c>jackd -n NAME -R -P 70 -d dummy</c>), for the
/// audio tests. Fails (throws) when jackd is missing: the tests need it, they do not skip.
/// </summary>
public sealed partial class JackServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public JackServer(int framesPerPeriod = 64, int sampleRateHz = 48000, string? name = null)
    {
        Name = name ?? "gptest-" + Guid.NewGuid().ToString("N")[..8];
        var psi = new ProcessStartInfo("jackd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-n", Name, "-R", "-P", "70", "-d", "dummy", "-r", sampleRateHz.ToString(), "-p", framesPerPeriod.ToString() })
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            _process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("jackd is not installed (Debian package jackd2; ./test.sh installs it): " + e.Message, e);
        }

        _process.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // jack_wait (from jackd2) blocks until the server answers, or gives up after its timeout.
        var wait = new ProcessStartInfo("jack_wait") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { "-s", Name, "-w", "-t", "15" })
        {
            wait.ArgumentList.Add(a);
        }

        using var waiter = Process.Start(wait)!;
        waiter.StandardOutput.ReadToEnd();
        waiter.WaitForExit();
        if (waiter.ExitCode != 0 || _process.HasExited)
        {
            Dispose();
            throw new InvalidOperationException($"JACK server {Name} did not start: {Log}");
        }
    }

    /// <summary>The server's name (JACK_DEFAULT_SERVER for its clients).</summary>
    public string Name { get; }

    /// <summary>What the server printed.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Stops the server with SIGTERM and waits for it to exit: the clients see it go away, and jackd unregisters
    /// itself (a SIGKILLed jackd leaves its slot in JACK's shared registry, and after eight of them no server starts).
    /// </summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            SendSignal(_process.Id, 15);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }

            _process.WaitForExit();
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
