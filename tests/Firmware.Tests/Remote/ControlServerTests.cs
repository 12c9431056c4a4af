using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Remote;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Remote;

public sealed class ControlServerTests(ITestOutputHelper output)
{
    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement.Clone();

    private static string ErrorCode(string line) => Parse(line).GetProperty("error").GetProperty("code").GetString()!;

    private static string ErrorMessage(string line) => Parse(line).GetProperty("error").GetProperty("message").GetString()!;

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_socket_file_has_mode_0660()
    {
        using var h = new ServerHarness();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(h.SocketPath));
        Assert.Equal([Path.GetFileName(h.SocketPath)],
            Directory.GetFileSystemEntries(Path.GetDirectoryName(h.SocketPath)!, "*.sock*").Select(Path.GetFileName));
    }

    [Fact]
    public void The_server_opens_no_tcp_or_udp_socket()
    {
        var before = NetworkSockets.OfThisProcess();
        using var h = new ServerHarness();
        Assert.Equal("pong", Parse(h.Ask("""{"v":1,"cmd":"ping"}""")).GetProperty("protocol").GetInt32() == 1 ? "pong" : "no");
        var after = NetworkSockets.OfThisProcess();
        Assert.DoesNotContain(after, s => s.Listening || s.Protocol.StartsWith("udp", StringComparison.Ordinal));
        Assert.Equal(before.Select(s => s.Inode).Order(), after.Select(s => s.Inode).Order());
        Assert.Contains(h.SocketPath, NetworkSockets.UnixPathsOfThisProcess());
    }

    [Fact]
    public void Set_get_and_bypass_reach_the_pedal_with_the_socket_as_source()
    {
        using var h = new ServerHarness();
        var set = Parse(h.Ask("""{"v":1,"id":7,"cmd":"set","param":"wh","value":2.5}"""));
        Assert.True(set.GetProperty("ok").GetBoolean());
        Assert.Equal(7, set.GetProperty("id").GetInt64());
        Assert.Equal(2.5f, h.Pedal.Settings[ParameterId.Wh]);
        Assert.Equal(ControlSource.Socket, h.Pedal.LastSource);

        var friendly = Parse(h.Ask("""{"v":1,"cmd":"set","param":"treble","value":-0.5}"""));
        Assert.Equal(-0.5f, friendly.GetProperty("parameters").GetProperty("tone").GetSingle());

        var get = Parse(h.Ask("""{"v":1,"cmd":"get"}"""));
        Assert.Equal(2.5f, get.GetProperty("parameters").GetProperty("wh").GetSingle());
        Assert.Equal(Parameters.Count, get.GetProperty("parameters").EnumerateObject().Count());
        Assert.Equal("socket", get.GetProperty("last_change").GetString());
        var one = Parse(h.Ask("""{"v":1,"cmd":"get","param":"wh"}"""));
        Assert.Single(one.GetProperty("parameters").EnumerateObject());

        Assert.True(Parse(h.Ask("""{"v":1,"cmd":"bypass","state":"toggle"}""")).GetProperty("bypassed").GetBoolean());
        Assert.True(h.Pedal.Bypassed);
        Assert.False(Parse(h.Ask("""{"v":1,"cmd":"bypass","state":"off"}""")).GetProperty("bypassed").GetBoolean());
        Assert.False(h.Pedal.Bypassed);
    }

    [Fact]
    public void A_knob_change_is_seen_over_the_socket_and_the_last_change_wins()
    {
        using var h = new ServerHarness();
        h.Ask("""{"v":1,"cmd":"set","param":"wh","value":2.5}""");
        h.Pedal.SetParameter(ParameterId.Wh, 4f, ControlSource.Knob);
        var get = Parse(h.Ask("""{"v":1,"cmd":"get","param":"drive"}"""));
        Assert.Equal(4f, get.GetProperty("parameters").GetProperty("wh").GetSingle());
        Assert.Equal("knob", get.GetProperty("last_change").GetString());
        h.Ask("""{"v":1,"cmd":"set","param":"wh","value":1}""");
        Assert.Equal(1f, h.Pedal.Settings[ParameterId.Wh]);
    }

    [Fact]
    public void Loading_a_preset_reaches_the_pedal_and_moves_the_set_list_position()
    {
        using var h = new ServerHarness();
        var load = Parse(h.Ask("""{"v":1,"cmd":"preset.load","name":"tube grit"}"""));
        Assert.Equal("Tube Grit", load.GetProperty("preset").GetString());
        Assert.Equal("Tube Grit", h.Pedal.CurrentPreset);
        Assert.Equal(5f, h.Pedal.Settings[ParameterId.Wf]);
        Assert.Equal(3, h.Library.Navigator.Position);
        var status = Parse(h.Ask("""{"v":1,"cmd":"status"}"""));
        Assert.Equal("playing", status.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("Tube Grit", status.GetProperty("preset").GetString());
        Assert.False(status.GetProperty("modified").GetBoolean());
        Assert.Equal(3, status.GetProperty("setlist").GetProperty("position").GetInt32());
        h.Ask("""{"v":1,"cmd":"set","param":"tone","value":0.5}""");
        Assert.True(Parse(h.Ask("""{"v":1,"cmd":"status"}""")).GetProperty("modified").GetBoolean());
    }

    [Fact]
    public void Status_reports_the_machines_health_with_unknown_values_as_null()
    {
        using var h = new ServerHarness();
        var health = Parse(h.Ask("""{"v":1,"cmd":"status"}""")).GetProperty("health");
        // This machine: /proc/uptime always; no Raspberry Pi firmware driver, so no throttling flags.
        Assert.True(health.GetProperty("system_uptime_seconds").GetDouble() > 0);
        var flags = health.GetProperty("throttled_flags");
        Assert.True(flags.ValueKind is System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Number);
        var temperature = health.GetProperty("cpu_temperature_c");
        Assert.True(temperature.ValueKind is System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Number);
    }

    [Fact]
    public void Saving_from_the_current_sound_writes_a_preset_file()
    {
        using var h = new ServerHarness();
        h.Ask("""{"v":1,"cmd":"set","param":"wh","value":3.25}""");
        var save = Parse(h.Ask("""{"v":1,"cmd":"preset.save","name":"Lead #2 / Big Room","notes":"loud"}"""));
        Assert.Equal("lead-2-big-room.json", save.GetProperty("file").GetString());
        Assert.True(h.Library.TryGet("Lead #2 / Big Room", out var entry));
        Assert.Equal(3.25f, entry.Preset.Settings[ParameterId.Wh]);
        Assert.Equal("loud", entry.Preset.Notes);
        var show = Parse(h.Ask("""{"v":1,"cmd":"preset.show","name":"lead #2 / big room"}"""));
        Assert.Equal(3.25f, show.GetProperty("preset").GetProperty("parameters").GetProperty("wh").GetSingle());
    }

    [Fact]
    public void An_imported_preset_object_is_validated_with_the_file_rules()
    {
        using var h = new ServerHarness();
        var bad = h.Ask("""{"v":1,"cmd":"preset.save","preset":{"schema":1,"name":"X","parameters":{"wh":1}}}""");
        Assert.Equal("invalid_preset", ErrorCode(bad));
        Assert.Matches(@"^request:1:\d+: missing field parameters.wf \(every parameter must be given\)$", ErrorMessage(bad));
        var traversal = h.Ask("""{"v":1,"cmd":"preset.save","name":"../../etc/passwd"}""");
        Assert.Equal("invalid_name", ErrorCode(traversal));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(h.DataDirectory), e => !e.EndsWith(".sock", StringComparison.Ordinal) && !e.EndsWith("presets", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"v":1,"cmd":"set","param":"wh","value":7}""", "out_of_range", "wh: 7 is out of range 0..5")]
    [InlineData("""{"v":1,"cmd":"set","param":"wh","value":1e300}""", "out_of_range", "wh: the value is not a finite number")]
    [InlineData("""{"v":1,"cmd":"set","param":"gain","value":1}""", "unknown_parameter", "unknown parameter 'gain'; the parameters are wf, wh, uf, uh, bf, input_gain_db, output_gain_db, mix, tone, gate_threshold_db, gate_hysteresis_db, gate_attack_ms, gate_hold_ms, gate_release_ms, gate_range_db")]
    [InlineData("""{"v":1,"cmd":"set","param":"wh","value":"loud"}""", "bad_request", "value must be a number")]
    [InlineData("""{"v":1,"cmd":"set","value":1}""", "bad_request", "missing field param")]
    [InlineData("""{"cmd":"ping"}""", "bad_request", "missing field v (the protocol version, 1)")]
    [InlineData("""{"v":2,"cmd":"ping"}""", "unsupported_version", "the request's protocol version is newer than this service speaks (1); update gru-pedal on the pedal")]
    [InlineData("""{"v":1,"cmd":"reboot"}""", "unknown_command", null)]
    [InlineData("""{"v":1,"cmd":"ping","colour":"red"}""", "bad_request", "unknown field 'colour'")]
    [InlineData("""{"v":1,"cmd":"bypass","state":"maybe"}""", "bad_request", "state must be on, off or toggle")]
    [InlineData("""{"v":1,"cmd":"preset.load","name":"Nope"}""", "not_found", "there is no preset named 'Nope' (see `gru-pedal preset list`)")]
    [InlineData("""{"v":1,"cmd":"preset.rm","name":"Odd Fuzz"}""", "read_only", "'Odd Fuzz' is a factory preset; factory presets cannot be deleted")]
    [InlineData("""[1,2,3]""", "bad_request", "a request is one JSON object on one line")]
    [InlineData("""{"v":1,"cmd":"ping""", "bad_request", "a request is one JSON object on one line")]
    [InlineData("""{"v":1,,"cmd":"ping"}""", "bad_request", "malformed JSON: a request is one JSON object on one line")]
    public void A_bad_request_gets_an_error_naming_the_problem(string request, string code, string? message)
    {
        using var h = new ServerHarness();
        var response = h.Ask(request);
        Assert.False(Parse(response).GetProperty("ok").GetBoolean());
        Assert.Equal(code, ErrorCode(response));
        if (message is not null)
        {
            Assert.Equal(message, ErrorMessage(response));
        }

        Assert.Equal(1, Parse(h.Ask("""{"v":1,"cmd":"ping"}""")).GetProperty("protocol").GetInt32());
    }

    [Fact]
    public void Pipelined_requests_on_one_connection_are_answered_in_order()
    {
        using var h = new ServerHarness();
        using var socket = h.Connect();
        var requests = new StringBuilder();
        for (var i = 0; i < 50; i++)
        {
            requests.Append($$"""{"v":1,"id":{{i}},"cmd":"ping"}""").Append('\n');
        }

        socket.Send(Encoding.UTF8.GetBytes(requests.ToString()));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(i, Parse(ServerHarness.ReadLine(socket)!).GetProperty("id").GetInt64());
        }
    }

    [Fact]
    public void A_line_over_64_KiB_gets_an_error_and_the_connection_is_closed()
    {
        using var h = new ServerHarness();
        using var socket = h.Connect();
        socket.Send(Encoding.UTF8.GetBytes("{\"v\":1,\"cmd\":\"ping\",\"x\":\"" + new string('a', ControlProtocol.MaxLineBytes) + "\"}\n"));
        Assert.Equal("too_long", ErrorCode(ServerHarness.ReadLine(socket)!));
        Assert.True(ServerHarness.WaitClosed(socket));
        Assert.Equal(1, h.Server.Statistics.ClosedTooLong);
    }

    [Fact]
    public void A_line_of_exactly_64_KiB_is_read_whole()
    {
        using var h = new ServerHarness();
        var head = "{\"v\":1,\"cmd\":\"preset.show\",\"name\":\"";
        var line = head + new string('a', ControlProtocol.MaxLineBytes - head.Length - 2) + "\"}";
        Assert.Equal(ControlProtocol.MaxLineBytes, line.Length);
        Assert.Equal("not_found", ErrorCode(h.Ask(line)));
    }

    [Fact]
    public void More_clients_than_slots_are_told_the_server_is_busy()
    {
        using var h = new ServerHarness(new ControlServerOptions { MaxClients = 2 });
        using var a = h.Connect();
        using var b = h.Connect();
        Assert.Contains("pong", ServerHarness.Exchange(a, """{"v":1,"cmd":"ping"}""").Replace("\"protocol\"", "pong", StringComparison.Ordinal));
        ServerHarness.Exchange(b, """{"v":1,"cmd":"ping"}""");
        using var c = h.Connect();
        Assert.Equal("busy", ErrorCode(ServerHarness.ReadLine(c)!));
        Assert.True(ServerHarness.WaitClosed(c));
        a.Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? answer = null;
        while (answer is null && DateTime.UtcNow < deadline)
        {
            // The slot frees once the server notices a's close: retry on "busy" (which may also show as a
            // closed connection when the server closed it before the request was written).
            try
            {
                var response = h.Ask("""{"v":1,"cmd":"ping"}""");
                if (Parse(response).GetProperty("ok").GetBoolean())
                {
                    answer = response;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
            }
        }

        Assert.NotNull(answer);
    }

    [Fact]
    public void An_idle_client_is_closed()
    {
        using var h = new ServerHarness(new ControlServerOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        using var socket = h.Connect();
        ServerHarness.Exchange(socket, """{"v":1,"cmd":"ping"}""");
        Assert.True(ServerHarness.WaitClosed(socket));
        Assert.Equal(1, h.Server.Statistics.ClosedIdle);
    }

    [Fact]
    public void A_client_too_slow_to_finish_its_line_is_closed()
    {
        using var h = new ServerHarness(new ControlServerOptions { LineTimeout = TimeSpan.FromMilliseconds(300) });
        using var socket = h.Connect();
        socket.Send("{\"v\":1,"u8.ToArray());
        Assert.True(ServerHarness.WaitClosed(socket));
        Assert.Equal(1, h.Server.Statistics.ClosedIdle);
    }

    [Fact]
    public void A_client_sending_garbage_in_a_row_is_answered_then_closed()
    {
        using var h = new ServerHarness();
        using var socket = h.Connect();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("bad_request", ErrorCode(ServerHarness.Exchange(socket, "garbage " + i)));
        }

        Assert.True(ServerHarness.WaitClosed(socket));
        Assert.Equal(1, h.Server.Statistics.ClosedAbusive);
    }

    [Fact]
    public void A_second_server_on_the_same_socket_is_refused_and_a_stale_socket_is_replaced()
    {
        using var h = new ServerHarness();
        var second = new ControlServer(h.SocketPath, new FakePedal(), h.Library);
        var ex = Assert.Throws<IOException>(second.Start);
        Assert.Equal($"another gru-pedal service is already listening on {h.SocketPath}", ex.Message);
        Assert.Equal(1, Parse(h.Ask("""{"v":1,"cmd":"ping"}""")).GetProperty("protocol").GetInt32());

        // A service killed with SIGKILL leaves its socket file behind: the next one replaces it.
        // (A bound socket that does not listen is what the kernel leaves: connecting is refused.)
        h.Server.Stop();
        using var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        stale.Bind(new UnixDomainSocketEndPoint(h.SocketPath));
        Assert.True(File.Exists(h.SocketPath));
        using var third = new ControlServer(h.SocketPath, new FakePedal(), h.Library);
        third.Start();
        Assert.Equal(1, Parse(h.Ask("""{"v":1,"cmd":"ping"}""")).GetProperty("protocol").GetInt32());
        third.Stop();
        Assert.False(File.Exists(h.SocketPath));
    }

    [Fact]
    public void Concurrent_preset_loads_from_many_clients_are_all_applied_in_turn()
    {
        using var h = new ServerHarness();
        var names = new[] { "Odd Fuzz", "Tube Grit", "Hot Drive", "Squashed" };
        var failures = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, client =>
        {
            using var socket = h.Connect();
            for (var i = 0; i < 50; i++)
            {
                var response = ServerHarness.Exchange(socket, $$"""{"v":1,"cmd":"preset.load","name":"{{names[(client + i) % names.Length]}}"}""");
                if (!Parse(response).GetProperty("ok").GetBoolean())
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
        Assert.Equal(400, h.Pedal.Loads);
    }

    [Fact]
    public void Steady_requests_allocate_next_to_nothing_on_the_server()
    {
        using var h = new ServerHarness();
        using var socket = h.Connect();
        var requests = new[]
        {
            """{"v":1,"id":1,"cmd":"ping"}""",
            """{"v":1,"id":2,"cmd":"get"}""",
            """{"v":1,"id":3,"cmd":"set","param":"wh","value":2.5}""",
            """{"v":1,"id":4,"cmd":"bypass","state":"toggle"}""",
            """{"v":1,"id":5,"cmd":"get","param":"tone"}""",
        }.Select(r => Encoding.UTF8.GetBytes(r + "\n")).ToArray();
        var buffer = new byte[4096];

        void Run(int count)
        {
            for (var i = 0; i < count; i++)
            {
                socket.Send(requests[i % requests.Length]);
                var got = 0;
                while (got == 0 || buffer[got - 1] != (byte)'\n')
                {
                    got += socket.Receive(buffer, got, buffer.Length - got, SocketFlags.None);
                }
            }
        }

        Run(2000); // warm-up: JIT tiers, buffers grow to their working size
        var before = h.Server.Statistics.HandlerBytesAllocated;
        const int Measured = 5000;
        Run(Measured);
        var perRequest = (double)(h.Server.Statistics.HandlerBytesAllocated - before) / Measured;
        output.WriteLine($"server allocations: {perRequest:0.00} bytes per request over {Measured} ping/get/set/bypass requests");
        Console.WriteLine($"control server: {perRequest:0.00} bytes allocated per steady request (ping/get/set/bypass), {Measured} requests");
        Assert.True(perRequest < 1, $"steady requests allocate nothing once warm (measured {perRequest:0.00} bytes/request)");
    }
}
