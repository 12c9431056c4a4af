using System.Runtime.InteropServices;

namespace GruPedalPi.Firmware.Interop;

/// <summary>The Linux calls <c>Presets.FolderWatcher</c> makes (inotify, an eventfd to wake it, poll, read, write, close), which
/// <see cref="EventFdSignal"/> shares (eventfd, read, write, close).</summary>
internal static unsafe partial class InotifyNative
{
    /// <summary>IN_NONBLOCK / EFD_NONBLOCK (O_NONBLOCK, the same on x86-64 and arm64).</summary>
    public const int NonBlock = 0x800;
    /// <summary>IN_CLOEXEC / EFD_CLOEXEC (O_CLOEXEC).</summary>
    public const int CloseOnExec = 0x80000;

    /// <summary>IN_MODIFY: a file was written.</summary>
    public const uint Modify = 0x2;
    /// <summary>IN_ATTRIB: metadata (times, permissions) changed.</summary>
    public const uint Attrib = 0x4;
    /// <summary>IN_CLOSE_WRITE: a file opened for writing was closed.</summary>
    public const uint CloseWrite = 0x8;
    /// <summary>IN_MOVED_FROM: a file was renamed away.</summary>
    public const uint MovedFrom = 0x40;
    /// <summary>IN_MOVED_TO: a file was renamed in (how an atomic write lands).</summary>
    public const uint MovedTo = 0x80;
    /// <summary>IN_CREATE: a file was created.</summary>
    public const uint Create = 0x100;
    /// <summary>IN_DELETE: a file was deleted.</summary>
    public const uint Delete = 0x200;
    /// <summary>IN_DELETE_SELF: the watched folder itself was deleted.</summary>
    public const uint DeleteSelf = 0x400;
    /// <summary>IN_MOVE_SELF: the watched folder itself was moved.</summary>
    public const uint MoveSelf = 0x800;
    /// <summary>IN_Q_OVERFLOW: the kernel's event queue overflowed; events were lost.</summary>
    public const uint QueueOverflow = 0x4000;
    /// <summary>IN_IGNORED: the watch was removed (its folder is gone).</summary>
    public const uint Ignored = 0x8000;
    /// <summary>IN_ONLYDIR: watch the path only if it is a folder.</summary>
    public const uint OnlyDir = 0x01000000;

    /// <summary>POLLIN.</summary>
    public const short PollIn = 0x1;

    /// <summary>The fixed part of struct inotify_event (wd, mask, cookie, len), before the name.</summary>
    public const int EventHeaderBytes = 16;

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int InotifyInit1(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        /// <summary>The descriptor.</summary>
        public int Fd;
        /// <summary>Requested events.</summary>
        public short Events;
        /// <summary>Returned events.</summary>
        public short ReturnedEvents;
    }
}
