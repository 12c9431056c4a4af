using System.Runtime.InteropServices;

namespace GruPedalPi.Firmware.Presets;

/// <summary>The few POSIX calls .NET does not expose: fsync of a directory.</summary>
internal static partial class PosixFile
{
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000; // same value on x86_64 and arm64

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

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
