using System.Net.Sockets;
using System.Text;
using GruPedalPi.Firmware.Service;

namespace GruPedalPi.Firmware.Tests.Service;

public sealed class SystemdNotifierTests
{
    [Fact]
    public void A_watchdog_ping_arrives_on_the_notify_socket_as_WATCHDOG_1()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gru-notify-{Guid.NewGuid():N}.sock");
        using var server = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            using var notifier = new SystemdNotifier(path, watchdogUsec: 4_000_000);
            Assert.True(notifier.Enabled);
            Assert.True(notifier.WatchdogEnabled);
            Assert.Equal(TimeSpan.FromSeconds(2), notifier.PingInterval); // half of WATCHDOG_USEC
            notifier.Watchdog();
            notifier.Notify("STATUS=playing");

            server.ReceiveTimeout = 10_000;
            var buffer = new byte[256];
            int n = server.Receive(buffer);
            Assert.Equal("WATCHDOG=1", Encoding.UTF8.GetString(buffer, 0, n));
            n = server.Receive(buffer);
            Assert.Equal("STATUS=playing", Encoding.UTF8.GetString(buffer, 0, n));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_abstract_notify_socket_name_starting_with_at_is_reached_too()
    {
        string name = "gru-notify-" + Guid.NewGuid().ToString("N");
        using var server = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint("\0" + name));
        using var notifier = new SystemdNotifier("@" + name);
        notifier.Watchdog();
        server.ReceiveTimeout = 10_000;
        var buffer = new byte[64];
        Assert.Equal("WATCHDOG=1", Encoding.UTF8.GetString(buffer, 0, server.Receive(buffer)));
    }

    [Fact]
    public void Without_systemd_the_notifier_does_nothing_and_pings_once_a_second()
    {
        using var notifier = new SystemdNotifier("", watchdogUsec: 0);
        Assert.False(notifier.Enabled);
        notifier.Watchdog();
        Assert.Equal(0, notifier.Pings);
        Assert.Equal(TimeSpan.FromSeconds(1), notifier.PingInterval);
    }
}
