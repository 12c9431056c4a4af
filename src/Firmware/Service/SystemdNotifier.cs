using System.Net.Sockets;
using System.Text;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// sd_notify over the <c>NOTIFY_SOCKET</c> datagram socket: a connected Unix socket made once, and a preallocated
/// <c>WATCHDOG=1</c> message, so <see cref="Watchdog"/> allocates nothing. Without NOTIFY_SOCKET (not under systemd)
/// every call does nothing. READY=1 is sent by Microsoft.Extensions.Hosting.Systemd; this class sends the pings.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private static readonly byte[] s_watchdog = "WATCHDOG=1"u8.ToArray();
    private readonly Socket? _socket;

    /// <summary>Connects to <paramref name="notifySocket"/> (default: the NOTIFY_SOCKET variable; '@' starts an abstract name).</summary>
    public SystemdNotifier(string? notifySocket = null, long? watchdogUsec = null)
    {
        notifySocket ??= Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (watchdogUsec is null && long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), out long usec))
        {
            watchdogUsec = usec;
        }

        // Ping at half the watchdog interval (sd_watchdog_enabled's advice); once a second when none is set.
        PingInterval = watchdogUsec is > 0 ? TimeSpan.FromMicroseconds(watchdogUsec.Value / 2.0) : TimeSpan.FromSeconds(1);
        WatchdogEnabled = watchdogUsec is > 0;
        if (string.IsNullOrEmpty(notifySocket))
        {
            return;
        }

        string path = notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket;
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            // Never block the supervisor on a slow reader: a full queue drops the ping (the next one retries).
            socket.Blocking = false;
            _socket = socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
        }
    }

    /// <summary>True when connected to a notify socket.</summary>
    public bool Enabled => _socket is not null;

    /// <summary>True when systemd asked for watchdog pings (WATCHDOG_USEC).</summary>
    public bool WatchdogEnabled { get; }

    /// <summary>How often to ping: half of WATCHDOG_USEC.</summary>
    public TimeSpan PingInterval { get; }

    /// <summary>Pings delivered to the socket.</summary>
    public long Pings { get; private set; }

    /// <summary>Sends WATCHDOG=1. Allocation-free; errors are ignored (the next ping retries).</summary>
    public void Watchdog()
    {
        if (_socket is null)
        {
            return;
        }

        try
        {
            if (_socket.Send(s_watchdog.AsSpan(), SocketFlags.None, out SocketError error) > 0 && error == SocketError.Success)
            {
                Pings++;
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Sends a free-form notification (STATUS=..., STOPPING=1). Allocates: for state changes only.</summary>
    public void Notify(string state)
    {
        if (_socket is null)
        {
            return;
        }

        try
        {
            _socket.Send(Encoding.UTF8.GetBytes(state).AsSpan(), SocketFlags.None, out _);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket?.Dispose();
}
