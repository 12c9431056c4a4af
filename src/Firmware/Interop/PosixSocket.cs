using System.Runtime.InteropServices;

namespace GruPedalPi.Firmware.Interop;

/// <summary>
/// The few socket calls the control server makes on accepted connections, straight to libc on the file
/// descriptor: unlike <see cref="System.Net.Sockets.Socket"/>'s Accept (a Socket, a handle, an endpoint and its
/// path string per connection), they allocate nothing, so a flood of connections does not feed the collector.
/// The constants have the same values on Linux x86_64 and arm64.
/// </summary>
internal static partial class PosixSocket
{
    public const short PollIn = 0x001;
    public const short PollOut = 0x004;
    public const short PollErr = 0x008;
    public const short PollHup = 0x010;
    public const int MsgDontWait = 0x40;
    public const int MsgNoSignal = 0x4000;
    public const int SockCloExec = 0x80000;
    public const int EAgain = 11;
    public const int EIntr = 4;
    public const int ShutWrite = 1;

    /// <summary>Waits up to <paramref name="timeoutMs"/> for one of <paramref name="events"/> on a descriptor;
    /// returns the events that occurred (0 on timeout or EINTR).</summary>
    public static short Poll(int fd, short events, int timeoutMs)
    {
        var p = new PollFd { Fd = fd, Events = events };
        var n = PollNative(ref p, 1, timeoutMs);
        return n > 0 ? p.Revents : (short)0;
    }

    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept4(int fd, IntPtr address, IntPtr addressLength, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static unsafe partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollNative(ref PollFd fds, nuint count, int timeoutMs);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
