using System.Runtime.InteropServices;

namespace GruPedalPi.Firmware.Interop;

/// <summary>The few Linux C library calls the service makes (memory locking, thread ids, scheduling).</summary>
internal static unsafe partial class LibC
{
    /// <summary>mlockall flags: MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT.</summary>
    public const int McLockCurrentFutureOnFault = 7;
    /// <summary>SCHED_OTHER.</summary>
    public const int SchedOther = 0;
    /// <summary>SCHED_FIFO.</summary>
    public const int SchedFifo = 1;
    /// <summary>SCHED_RR.</summary>
    public const int SchedRr = 2;

    [LibraryImport("libc", EntryPoint = "mlockall", SetLastError = true)]
    public static partial int MLockAll(int flags);

    [LibraryImport("libc", EntryPoint = "gettid")]
    public static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "sched_getscheduler", SetLastError = true)]
    public static partial int SchedGetScheduler(int pid);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static partial int SchedSetScheduler(int pid, int policy, int* param);

    [LibraryImport("libc", EntryPoint = "kill")]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    /// <summary>Sets a variable for native libraries too (libjack reads JACK_DEFAULT_SERVER with getenv).</summary>
    public static void SetEnvironment(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        SetEnv(name, value, 1);
    }

    [LibraryImport("libc", EntryPoint = "sched_getparam", SetLastError = true)]
    public static partial int SchedGetParam(int pid, int* param);

    /// <summary>open(2) on a NUL-terminated path: allocation-free, for reads in steady state.</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags);

    /// <summary>read(2) into a caller's buffer.</summary>
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    /// <summary>close(2).</summary>
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
