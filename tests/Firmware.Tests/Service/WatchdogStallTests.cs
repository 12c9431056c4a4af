using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using GruPedalPi.Firmware.Engine;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Service;

/// <summary>
/// The systemd watchdog as systemd sees it: a real Unix datagram socket given to `gru-pedal run` as NOTIFY_SOCKET, with
/// WATCHDOG_USEC set. WATCHDOG=1 must arrive while the pedal plays and stop when its audio callback stalls (the engine's
/// test-only fault hook, <see cref="AudioEngine.StallFaultEnvironmentVariable"/>) until the supervisor has noticed the
/// stall (half the watchdog interval) and begun the recovery, which feeds it again while each step makes progress
/// (<see cref="GruPedalPi.Firmware.Service.WatchdogPolicy"/>): the gap stays inside the interval, so systemd keeps a
/// pedal that recovers and restarts one that is stopped or hung.
/// </summary>
[Collection("JACK service")]
public sealed class WatchdogStallTests(ITestOutputHelper output)
{
    [Fact]
    public void Watchdog_pings_stop_when_the_callback_stalls_until_recovery_begins_inside_the_watchdog_interval()
    {
        using var jack = new JackServer(framesPerPeriod: 64);
        string path = Path.Combine(Path.GetTempPath(), $"gru-notify-{Guid.NewGuid():N}.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            // WATCHDOG_USEC 4 s: a tick every second, a stall noticed after 2 s. The callback blocks for 6 s once 3000
            // callbacks (about 4 s at 750 a second) have run.
            var environment = new Dictionary<string, string>
            {
                ["NOTIFY_SOCKET"] = path,
                ["WATCHDOG_USEC"] = "4000000",
                [AudioEngine.StallFaultEnvironmentVariable] = "3000:6000",
            };
            using var pedal = new ChildProcess(jack.Name, environment, "run", "--device", "system", "--frames", "64", "--duration", "20");
            var pings = new List<double>();
            var clock = Stopwatch.StartNew();
            var buffer = new byte[512];
            notify.ReceiveTimeout = 500;
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                int n;
                try
                {
                    n = notify.Receive(buffer);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
                {
                    if (pedal.WaitForExit(TimeSpan.Zero))
                    {
                        break;
                    }

                    continue;
                }

                if (Encoding.UTF8.GetString(buffer, 0, n) == "WATCHDOG=1")
                {
                    pings.Add(clock.Elapsed.TotalSeconds);
                }
            }

            Assert.True(pedal.WaitForExit(TimeSpan.FromSeconds(30)), pedal.Output);
            output.WriteLine(pedal.Output);
            output.WriteLine("pings at " + string.Join(" ", pings.Select(t => t.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));
            Assert.True(pings.Count >= 6, $"only {pings.Count} pings arrived");
            var gaps = pings.Zip(pings.Skip(1), (a, b) => b - a).ToList();
            int longest = gaps.IndexOf(gaps.Max());
            // The stall: no ping until the supervisor noticed it (2 s, half the interval), and one again once the recovery
            // began, before systemd's 4 s ran out (the next tick after the 2 s, plus a loaded machine's lateness).
            Assert.True(gaps[longest] >= 1.8, $"the longest gap between pings is {gaps[longest]:0.00} s: the pings did not stop");
            Assert.True(gaps[longest] < 4.0, $"the pings stopped for {gaps[longest]:0.00} s: systemd would have killed a pedal that was recovering");
            // Before it, regular pings while playing (a tick every second; 1.6 s allows a loaded machine's lateness).
            Assert.True(longest >= 2, $"only {longest + 1} pings before the stall");
            Assert.True(gaps.Take(longest).Max() < 1.6, "pings were regular before the stall");
            // After it, pings again, and the service said why it stopped and that it plays again.
            Assert.True(gaps.Count - longest - 1 >= 3, "the pings came back after the stall");
            Assert.True(pedal.Output.Contains("stopped calling back", StringComparison.Ordinal) || pedal.Output.Contains("went away", StringComparison.Ordinal),
                "the supervisor reported the stalled stream");
            Assert.Contains("playing again", pedal.Output);
            Assert.Equal(0, pedal.ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
