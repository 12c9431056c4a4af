using System.Runtime.InteropServices;
using GruPedalPi.Firmware.Interop;

namespace GruPedalPi.Firmware.Service;

/// <summary>Process-level real-time set-up: locking memory and the audio thread's scheduling.</summary>
public static unsafe class RealtimeSetup
{
    /// <summary>
    /// mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT): pages stay resident once touched, without faulting in the
    /// GC's reserved regions. Returns null on success, else why not (EPERM without CAP_IPC_LOCK or a LimitMEMLOCK).
    /// </summary>
    public static string? LockMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        if (LibC.MLockAll(LibC.McLockCurrentFutureOnFault) == 0)
        {
            return null;
        }

        int errno = Marshal.GetLastPInvokeError();
        return $"mlockall failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}); raise LimitMEMLOCK or run with CAP_IPC_LOCK";
    }

    /// <summary>The scheduling policy name and priority of a thread ("SCHED_FIFO 65").</summary>
    public static string DescribeThread(int tid)
    {
        int policy = LibC.SchedGetScheduler(tid);
        int priority = 0;
        LibC.SchedGetParam(tid, &priority);
        string name = policy switch
        {
            LibC.SchedOther => "SCHED_OTHER",
            LibC.SchedFifo => "SCHED_FIFO",
            LibC.SchedRr => "SCHED_RR",
            < 0 => "unknown",
            _ => $"policy {policy}",
        };
        return policy is LibC.SchedFifo or LibC.SchedRr ? $"{name} {priority}" : name;
    }

    /// <summary>True when the thread already runs SCHED_FIFO or SCHED_RR.</summary>
    public static bool IsRealtime(int tid) => LibC.SchedGetScheduler(tid) is LibC.SchedFifo or LibC.SchedRr;

    /// <summary>True when the thread runs SCHED_FIFO at exactly <paramref name="priority"/> (1..99).</summary>
    public static bool IsFifoAt(int tid, int priority)
    {
        int current = 0;
        return LibC.SchedGetScheduler(tid) == LibC.SchedFifo && LibC.SchedGetParam(tid, &current) == 0 && current == priority;
    }

    /// <summary>Puts one thread (not the process) on SCHED_FIFO at <paramref name="priority"/> (1..99). Returns null or why not.</summary>
    public static string? MakeRealtime(int tid, int priority)
    {
        int p = Math.Clamp(priority, 1, 99);
        if (LibC.SchedSetScheduler(tid, LibC.SchedFifo, &p) == 0)
        {
            return null;
        }

        int errno = Marshal.GetLastPInvokeError();
        return $"SCHED_FIFO {p} refused: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}); raise LimitRTPRIO";
    }

    /// <summary>Puts one thread back on SCHED_OTHER (always allowed: lowering needs no privilege). Returns null or why not.</summary>
    public static string? MakeOrdinary(int tid)
    {
        int p = 0;
        if (LibC.SchedSetScheduler(tid, LibC.SchedOther, &p) == 0)
        {
            return null;
        }

        int errno = Marshal.GetLastPInvokeError();
        return $"SCHED_OTHER refused: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
    }

    /// <summary>Gives the audio thread the configured SCHED_FIFO priority, whoever made it: PortAudio's ALSA host makes
    /// it SCHED_FIFO 1, below every threaded interrupt handler (50). Only JACK's choice is kept: the server puts its
    /// clients below itself.</summary>
    /// <param name="tid">The audio thread's kernel id.</param>
    /// <param name="jack">True when the stream is JACK's.</param>
    /// <param name="priority">The SCHED_FIFO priority, 1..99.</param>
    /// <returns>Why the thread could not be made real-time, or null (done, or left as JACK made it).</returns>
    public static string? PromoteAudioThread(int tid, bool jack, int priority) =>
        (jack && IsRealtime(tid)) || IsFifoAt(tid, priority) ? null : MakeRealtime(tid, priority);
}
