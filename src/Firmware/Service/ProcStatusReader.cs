using System.Runtime.InteropServices;
using GruPedalPi.Firmware.Interop;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Reads the resident-memory fields of <c>/proc/self/status</c> without allocating: open(2), read(2) into a buffer
/// on the caller's stack, close(2), and the numbers parsed from the bytes. For the <c>status</c> and <c>monitor</c>
/// requests, which a live view sends 20 times a second while the pedal plays. Thread-safe without a lock (each
/// reader has its own buffer): a lock here once allocated its wait event when a status request met a monitor frame.
/// </summary>
internal sealed unsafe partial class ProcStatusReader
{
    private const int ReadOnly = 0x0; // O_RDONLY
    private const int CloseOnExec = 0x80000; // O_CLOEXEC

    private const int BufferBytes = 8192; // /proc/self/status is about 1.5 KB

    /// <summary>Resident memory in kB: anonymous + file-backed pages, and shared memory (RssShmem); zeros when
    /// /proc cannot be read (not Linux).</summary>
    public (long ResidentKb, long SharedKb) Read()
    {
        Span<byte> buffer = stackalloc byte[BufferBytes];
        int length = Fill(buffer);
        if (length <= 0)
        {
            return (0, 0);
        }

        var text = buffer[..length];
        return (Field(text, "RssAnon:"u8) + Field(text, "RssFile:"u8), Field(text, "RssShmem:"u8));
    }

    /// <summary>The number after <paramref name="name"/> at the start of a line of <paramref name="text"/> (in kB), 0 when absent.</summary>
    internal static long Field(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name)
    {
        int at = 0;
        while (at < text.Length)
        {
            var line = text[at..];
            int end = line.IndexOf((byte)'\n');
            if (end >= 0)
            {
                line = line[..end];
            }

            if (line.StartsWith(name))
            {
                long value = 0;
                foreach (byte b in line[name.Length..])
                {
                    if (b >= (byte)'0' && b <= (byte)'9')
                    {
                        value = value * 10 + (b - '0');
                    }
                    else if (value > 0 || b != (byte)' ' && b != (byte)'\t')
                    {
                        break;
                    }
                }

                return value;
            }

            if (end < 0)
            {
                break;
            }

            at += end + 1;
        }

        return 0;
    }

    private static int Fill(Span<byte> into)
    {
        int fd;
        fixed (byte* path = "/proc/self/status\0"u8)
        {
            fd = LibC.Open(path, ReadOnly | CloseOnExec);
        }

        if (fd < 0)
        {
            return -1;
        }

        int total = 0;
        fixed (byte* buffer = into)
        {
            while (total < into.Length)
            {
                nint n = LibC.Read(fd, buffer + total, (nuint)(into.Length - total));
                if (n <= 0)
                {
                    break;
                }

                total += (int)n;
            }
        }

        LibC.Close(fd);
        return total;
    }

}
