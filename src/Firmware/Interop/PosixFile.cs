using System.Runtime.InteropServices;

namespace GruPedalPi.Firmware.Interop;

/// <summary>The few POSIX calls .NET does not expose: fsync of a directory, and opening a file only if it is a regular
/// file (not a symbolic link, FIFO, device or socket) without blocking on a FIFO.</summary>
internal static partial class PosixFile
{
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000; // same value on x86_64 and arm64
    private const int ONonBlock = 0x800; // same value on x86_64 and arm64
    private static readonly int s_oNoFollow = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 0x20000 : 0x8000; // x86_64 / asm-generic (arm64)
    private const int ELoop = 40; // same on x86_64 and arm64
    private const int ENoEnt = 2;
    private const uint SIfMt = 0xF000; // S_IFMT (octal 0170000)
    private const uint SIfReg = 0x8000;

    /// <summary>What is at a path that <see cref="OpenRegularFile"/> refused.</summary>
    internal enum Refusal
    {
        /// <summary>Opened: a regular file.</summary>
        None,

        /// <summary>The path is a symbolic link.</summary>
        SymbolicLink,

        /// <summary>Not a regular file: a FIFO, device, socket or directory (the kind names it).</summary>
        NotRegular,
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading only if it is a regular file: O_NOFOLLOW (a symbolic link is refused,
    /// not followed) and O_NONBLOCK (a FIFO is not waited on), then fstat. Returns the handle and the size in bytes,
    /// or null with the reason.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    /// <exception cref="IOException">The file cannot be opened (permissions, ...).</exception>
    public static unsafe Microsoft.Win32.SafeHandles.SafeFileHandle? OpenRegularFile(string path, out long sizeBytes, out Refusal refusal, out string kind)
    {
        sizeBytes = 0;
        kind = "regular file";
        var fd = Open(path, ORdOnly | OCloExec | ONonBlock | s_oNoFollow);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == ELoop)
            {
                refusal = Refusal.SymbolicLink;
                kind = "symbolic link";
                return null;
            }

            if (errno == ENoEnt)
            {
                throw new FileNotFoundException($"{path} does not exist", path);
            }

            throw new IOException($"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        // struct stat: st_mode at offset 24 on x86_64 (after st_dev, st_ino, st_nlink), 16 on arm64; st_size at 48 on both.
        byte* stat = stackalloc byte[256];
        if (Fstat(fd, stat) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException($"cannot examine the file: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        uint mode = *(uint*)(stat + (RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16));
        sizeBytes = *(long*)(stat + 48);
        if ((mode & SIfMt) != SIfReg)
        {
            handle.Dispose();
            refusal = Refusal.NotRegular;
            kind = (mode & SIfMt) switch
            {
                0x1000 => "FIFO (named pipe)",
                0x2000 => "character device",
                0x4000 => "folder",
                0x6000 => "block device",
                0xC000 => "socket",
                _ => "special file",
            };
            return null;
        }

        refusal = Refusal.None;
        return handle;
    }

    /// <summary>Flushes a directory's entries (a rename in it) to the disk.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void FsyncDirectory(string directory)
    {
        var fd = Open(directory, ORdOnly | OCloExec);
        if (fd < 0)
        {
            throw new IOException($"cannot open the folder {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"cannot sync the folder {directory} (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static unsafe partial int Fstat(int fd, byte* stat);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
