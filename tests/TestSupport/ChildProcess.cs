using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace GruPedalPi.TestSupport;

/// <summary>
/// The gru-pedal executable run as a child process (so the test host's own allocations and collections do not
/// stall its audio thread), with its output lines collected for waiting on.
/// </summary>
public sealed partial class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly StringBuilder _all = new();

    public ChildProcess(string jackServer, params string[] args)
        : this(jackServer, null, args)
    {
    }

    /// <summary>Starts gru-pedal; unless <paramref name="environment"/> says otherwise, its data folder and control socket
    /// are in a fresh temporary folder (a test never touches /var/lib/gru-pedal or /run/gru-pedal).</summary>
    public ChildProcess(string jackServer, IReadOnlyDictionary<string, string>? environment, params string[] args)
        : this(Path.Combine(AppContext.BaseDirectory, "gru-pedal"), jackServer, environment, args)
    {
    }

    /// <summary>Starts another gru-pedal program (the NativeAOT one a package holds), as the other constructor does.</summary>
    public static ChildProcess OfProgram(string program, string jackServer, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        new(program, jackServer, environment, args);

    private ChildProcess(string program, string jackServer, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["JACK_DEFAULT_SERVER"] = jackServer;
        psi.Environment.Remove("NOTIFY_SOCKET");
        string scratch = Path.Combine(Path.GetTempPath(), "gru-child-" + Guid.NewGuid().ToString("N")[..8]);
        psi.Environment["GRU_PEDAL_DATA_DIR"] = Path.Combine(scratch, "data");
        psi.Environment["GRU_PEDAL_SOCKET"] = Path.Combine(scratch, "control.sock");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        TraceIfAsked(psi, args);
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The environment variable that, set to a folder, makes every child write an EventPipe trace there from
    /// its start: every allocation (sampled per type, so a rare object is caught with its type and stack), collections,
    /// JIT compilations and lock contention. For hunting an allocation a test counted (docs/allocation.md).</summary>
    public const string TraceFolderVariable = "GRU_CHILD_TRACE_DIR";

    private static void TraceIfAsked(ProcessStartInfo psi, string[] args)
    {
        if (Environment.GetEnvironmentVariable(TraceFolderVariable) is not { Length: > 0 } folder)
        {
            return;
        }

        // Keywords: GC (0x1), Loader (0x8), JIT (0x10), Contention (0x4000), Type (0x80000: the type names) and
        // GCSampledObjectAllocationHigh (0x200000), which only works when enabled at start-up, hence the variables.
        string name = string.Join('_', args).Replace('/', '-');
        psi.Environment["DOTNET_EnableEventPipe"] = "1";
        psi.Environment["DOTNET_EventPipeConfig"] = "Microsoft-Windows-DotNETRuntime:0x284019:5";
        psi.Environment["DOTNET_EventPipeOutputStreaming"] = "1";
        psi.Environment["DOTNET_EventPipeOutputPath"] = Path.Combine(folder, $"{name[..Math.Min(40, name.Length)]}-{Guid.NewGuid():N}.nettrace");
    }

    public string Output
    {
        get
        {
            lock (_all)
            {
                return _all.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for a line containing <paramref name="text"/>; false on timeout or exit.</summary>
    public bool WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_lines.TryTake(out var line, left))
            {
                return false;
            }

            if (line.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // flush the output readers
        return true;
    }

    /// <summary>Asks the service to stop as systemd does (SIGTERM).</summary>
    public void Terminate() => Kill(_process.Id, 15);

    /// <summary>Sends the process a signal by number (24: SIGXCPU, as the kernel sends at a soft LimitRTTIME).</summary>
    public void Signal(int signal) => Kill(_process.Id, signal);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_all)
        {
            _all.AppendLine(line);
        }

        _lines.Add(line);
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
