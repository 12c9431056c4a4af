using System.Globalization;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>The inet sockets (TCP, UDP, raw; v4 and v6) and Unix socket paths that belong to this process, from /proc.</summary>
internal static class NetworkSockets
{
    public sealed record InetSocket(string Protocol, long Inode, bool Listening);

    public static IReadOnlyList<InetSocket> OfThisProcess()
    {
        var mine = SocketInodes();
        var found = new List<InetSocket>();
        foreach (var protocol in new[] { "tcp", "tcp6", "udp", "udp6", "raw", "raw6" })
        {
            var table = $"/proc/net/{protocol}";
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var inode = long.Parse(fields[9], CultureInfo.InvariantCulture);
                if (mine.Contains(inode))
                {
                    found.Add(new InetSocket(protocol, inode, protocol.StartsWith("tcp", StringComparison.Ordinal) && fields[3] == "0A"));
                }
            }
        }

        return found;
    }

    public static IReadOnlyList<string> UnixPathsOfThisProcess()
    {
        var mine = SocketInodes();
        var paths = new List<string>();
        foreach (var line in File.ReadLines("/proc/net/unix").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 8 && mine.Contains(long.Parse(fields[6], CultureInfo.InvariantCulture)))
            {
                paths.Add(fields[7]);
            }
        }

        return paths;
    }

    private static HashSet<long> SocketInodes()
    {
        var inodes = new HashSet<long>();
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    inodes.Add(long.Parse(target["socket:[".Length..^1], CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
            }
        }

        return inodes;
    }
}
