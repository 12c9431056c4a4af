using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GruPedalPi.Firmware.Remote;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>
/// Hostile input on the real socket: random bytes, truncated and mutated JSON, huge lines, many clients, slow
/// clients. After every round the server still answers a well-behaved client, and nothing it answered was
/// anything but one JSON object per line.
/// </summary>
[Collection(GruPedalPi.Firmware.Tests.Remote.AloneCollection.Name)]
public sealed class ControlFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] GoodRequests =
    [
        """{"v":1,"id":1,"cmd":"ping"}""",
        """{"v":1,"id":2,"cmd":"get","param":"wh"}""",
        """{"v":1,"id":3,"cmd":"set","param":"tone","value":0.25}""",
        """{"v":1,"id":4,"cmd":"bypass","state":"toggle"}""",
        """{"v":1,"id":5,"cmd":"preset.load","name":"Odd Fuzz"}""",
        """{"v":1,"id":6,"cmd":"preset.list"}""",
        """{"v":1,"id":7,"cmd":"setlist.show"}""",
        """{"v":1,"id":8,"cmd":"preset.save","name":"Fuzzed","preset":{"schema":1,"name":"F","parameters":{"wf":0.5,"wh":1,"uf":0.5,"uh":0.5,"bf":0,"input_gain_db":0,"output_gain_db":0,"mix":1,"tone":0}}}""",
    ];

    private static void AssertStillAnswers(ServerHarness h)
    {
        var response = JsonDocument.Parse(h.Ask("""{"v":1,"cmd":"ping"}""")).RootElement;
        Assert.True(response.GetProperty("ok").GetBoolean());
    }

    /// <summary>Sends bytes, then reads whatever comes back until the server closes or goes quiet; every line must be a JSON object.</summary>
    private static int SendAndDrain(ServerHarness h, byte[] payload)
    {
        using var socket = h.Connect();
        socket.ReceiveTimeout = 2000;
        try
        {
            socket.Send(payload);
            socket.Shutdown(SocketShutdown.Send); // end of input: the server answers what it has and closes
        }
        catch (SocketException)
        {
            // the server closed first (too long, abusive): fine
        }

        var lines = 0;
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = socket.Receive(buffer)) > 0)
            {
                received.Write(buffer, 0, n);
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
        }

        foreach (var line in Encoding.UTF8.GetString(received.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var doc = JsonDocument.Parse(line).RootElement;
            Assert.Equal(JsonValueKind.Object, doc.ValueKind);
            Assert.Equal(1, doc.GetProperty("v").GetInt32());
            lines++;
        }

        return lines;
    }

    [Fact]
    public void Random_bytes_truncated_and_mutated_json_never_stop_the_server()
    {
        using var h = new ServerHarness();
        var random = new Random(5);
        var answers = 0;
        const int Rounds = 300;
        for (var round = 0; round < Rounds; round++)
        {
            byte[] payload;
            switch (round % 3)
            {
                case 0: // random bytes, newlines sprinkled
                    payload = new byte[random.Next(1, 4000)];
                    random.NextBytes(payload);
                    for (var i = 0; i < payload.Length; i += random.Next(1, 200))
                    {
                        payload[i] = (byte)'\n';
                    }

                    break;
                case 1: // a good request cut short
                {
                    var good = GoodRequests[random.Next(GoodRequests.Length)];
                    payload = Encoding.UTF8.GetBytes(good[..random.Next(0, good.Length)] + "\n");
                    break;
                }

                default: // a good request with a few bytes flipped
                {
                    var bytes = Encoding.UTF8.GetBytes(GoodRequests[random.Next(GoodRequests.Length)]);
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    }

                    payload = [.. bytes, (byte)'\n'];
                    break;
                }
            }

            answers += SendAndDrain(h, payload);
        }

        AssertStillAnswers(h);
        var s = h.Server.Statistics;
        output.WriteLine($"{Rounds} hostile connections: {s.Requests} lines answered ({s.Malformed} malformed, {s.ErrorResponses} errors), {s.ClosedAbusive} closed as abusive");
        Console.WriteLine($"control fuzz: {Rounds} hostile connections, {s.Requests} lines answered ({s.Malformed} malformed), {s.ClosedAbusive} closed as abusive, server still answering");
        Assert.True(answers > Rounds / 2, "most garbage gets an error response rather than silence");
    }

    [Fact]
    public void Huge_lines_are_refused_without_reading_them_whole()
    {
        using var h = new ServerHarness();
        foreach (var size in new[] { ControlProtocol.MaxLineBytes + 1, 200_000, 4_000_000 })
        {
            var payload = new byte[size];
            Array.Fill(payload, (byte)'a');
            SendAndDrain(h, payload);
            AssertStillAnswers(h);
        }

        Assert.Equal(3, h.Server.Statistics.ClosedTooLong);
    }

    [Fact]
    public void Many_clients_at_once_are_served_or_told_busy_and_the_server_keeps_answering()
    {
        using var h = new ServerHarness();
        var served = 0;
        var busy = 0;
        var refused = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 32 }, i =>
        {
            try
            {
                using var socket = h.Connect();
                for (var k = 0; k < 20; k++)
                {
                    var response = JsonDocument.Parse(ServerHarness.Exchange(socket, GoodRequests[(i + k) % 7])).RootElement;
                    if (response.TryGetProperty("error", out var e) && e.GetProperty("code").GetString() == "busy")
                    {
                        Interlocked.Increment(ref busy);
                        return;
                    }
                }

                Interlocked.Increment(ref served);
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                // The server refused the connection (its busy line and close can reach us as a reset before we read
                // it); the server's own counters below say whether that is what happened.
                Interlocked.Increment(ref refused);
            }
        });
        output.WriteLine($"64 clients: {served} served 20 requests each, {busy} told busy, {refused} reset before reading the busy line");
        Assert.Equal(64, served + busy + refused);
        Assert.True(served >= 8, "at least as many clients as slots are served");
        // Every client that was not served was refused by the server for being busy: none failed any other way.
        Assert.Equal(served, h.Server.Statistics.Connections);
        Assert.Equal(busy + refused, h.Server.Statistics.RejectedBusy);
        AssertStillAnswers(h);
    }

    [Fact]
    public void Slow_clients_are_closed_and_do_not_lock_out_others_for_long()
    {
        using var h = new ServerHarness(new ControlServerOptions { LineTimeout = TimeSpan.FromMilliseconds(500) });
        var slow = new List<Socket>();
        for (var i = 0; i < 8; i++)
        {
            var socket = h.Connect();
            socket.Send("{\"v\":1,\"cm"u8.ToArray()); // and never the rest
            slow.Add(socket);
        }

        foreach (var socket in slow)
        {
            Assert.True(ServerHarness.WaitClosed(socket), "a slow client is closed after the line timeout");
            socket.Dispose();
        }

        AssertStillAnswers(h);
        Assert.True(h.Server.Statistics.ClosedIdle >= 8);
    }

    [Fact]
    public void A_client_that_never_reads_its_responses_is_dropped()
    {
        using var h = new ServerHarness(new ControlServerOptions { SendTimeout = TimeSpan.FromMilliseconds(300) });
        using var greedy = h.Connect();
        var request = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"v":1,"cmd":"preset.list"}""" + "\n", 200)));
        greedy.SendTimeout = 2000;
        try
        {
            for (var i = 0; i < 100; i++)
            {
                greedy.Send(request); // never reads: the server's sends block, time out, and it drops us
            }
        }
        catch (SocketException)
        {
        }

        // Dropped by the server for not reading, not merely outlasted: its counter says so, and the connection is closed.
        Assert.True(SpinWait.SpinUntil(() => h.Server.Statistics.ClosedUnread == 1, TimeSpan.FromSeconds(10)),
            $"closed for not reading: {h.Server.Statistics.ClosedUnread}");
        Assert.True(SpinWait.SpinUntil(() => h.Server.Statistics.ActiveClients == 0, TimeSpan.FromSeconds(10)), "the client's slot is free again");
        AssertStillAnswers(h);
    }
}
