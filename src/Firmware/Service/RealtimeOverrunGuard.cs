using System.Globalization;
using System.Runtime.InteropServices;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Turns the kernel's warning about a real-time thread that stopped blocking into a fault the supervisor recovers
/// from, instead of the SIGKILL that follows it.
/// </summary>
/// <remarks>
/// The unit sets <c>LimitRTTIME=200ms:1s</c>: a real-time thread that runs 200 ms without blocking makes the kernel
/// send the process SIGXCPU (the soft limit), and one that goes on to 1 s is killed with the whole process (the hard
/// limit). The audio thread blocks every period, so reaching the soft limit means it spins: PortAudio's ALSA host
/// loops without sleeping when its card goes away (unbinding snd-aloop on a booted Debian 12 did it), and a thread
/// that spins at SCHED_FIFO also starves everything below it. On SIGXCPU this guard makes every real-time thread of the
/// process an ordinary one (<c>SCHED_OTHER</c>: the limit no longer applies and the spin no longer starves anything)
/// and tells the supervisor, which reports the fault, drops the stream and opens the device again: the thread of the
/// next stream is made real-time afresh. Its work runs on the runtime's signal thread, never in the audio path.
/// </remarks>
public sealed class RealtimeOverrunGuard : IDisposable
{
    /// <summary>SIGXCPU's number on Linux (x86-64, arm64 and armhf alike).</summary>
    public const int SigXcpu = 24;

    private const string TaskFolder = "/proc/self/task";

    private PosixSignalRegistration? _registration;
    private int _pending;
    private long _overruns;
    private volatile string _lastDemoted = "";

    /// <summary>Handles SIGXCPU from now on (on Linux; elsewhere nothing). Idempotent.</summary>
    public void Register()
    {
        if (_registration is null && OperatingSystem.IsLinux())
        {
            _registration = PosixSignalRegistration.Create((PosixSignal)SigXcpu, OnSignal);
        }
    }

    /// <summary>How many times a real-time thread of this process reached the soft limit.</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>The threads the last overrun made ordinary ("4711 gru-pedal"; thread id and name; "none"), for the log.</summary>
    public string LastDemoted => _lastDemoted;

    /// <summary>True once after each overrun (the supervisor's tick asks); allocation-free.</summary>
    public bool TakeOverrun() => Interlocked.Exchange(ref _pending, 0) != 0;

    /// <summary>What the guard does on SIGXCPU (public for the tests): makes every real-time thread ordinary and flags
    /// the overrun.</summary>
    public void HandleOverrun()
    {
        _lastDemoted = DemoteRealtimeThreads();
        Interlocked.Increment(ref _overruns);
        Volatile.Write(ref _pending, 1);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _registration?.Dispose();
        _registration = null;
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // SIGXCPU's default action ends the process
        HandleOverrun();
    }

    private static string DemoteRealtimeThreads()
    {
        var demoted = new List<string>();
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(TaskFolder))
            {
                if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int tid)
                    && RealtimeSetup.IsRealtime(tid) && RealtimeSetup.MakeOrdinary(tid) is null)
                {
                    demoted.Add($"{tid} {ThreadName(folder)}");
                }
            }
        }
        catch (IOException)
        {
            // A thread that ended while we looked: the others are done.
        }

        return demoted.Count == 0 ? "none" : string.Join(", ", demoted);
    }

    private static string ThreadName(string folder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, "comm")).Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
