using System.Net.Sockets;
using System.Text;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Tests.Presets;
using GruPedalPi.Firmware.Tests.Support;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>What the control plane allocates in the background and for bad requests (printed as figures).</summary>
[Collection(GruPedalPi.Firmware.Tests.Remote.AloneCollection.Name)]
public sealed class AllocationFigureTests(ITestOutputHelper output)
{
    private static double BytesPerLine(ServerHarness h, string[] lines, int rounds)
    {
        using var socket = h.Connect();
        var payload = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        var buffer = new byte[8192];

        void Run(int count)
        {
            for (var i = 0; i < count; i++)
            {
                socket.Send(payload);
                var newlines = 0;
                while (newlines < lines.Length)
                {
                    var n = socket.Receive(buffer);
                    Assert.True(n > 0, "the server closed the connection");
                    newlines += buffer.AsSpan(0, n).Count((byte)'\n');
                }
            }
        }

        Run(200);
        var before = h.Server.Statistics.HandlerBytesAllocated;
        Run(rounds);
        return (double)(h.Server.Statistics.HandlerBytesAllocated - before) / (rounds * lines.Length);
    }

    [Fact]
    public void Garbage_that_is_not_an_object_costs_nothing_and_broken_json_costs_one_exception()
    {
        using var h = new ServerHarness();
        var notAnObject = BytesPerLine(h, ["hello there", """{"v":1,"cmd":"ping"}"""], 2000);
        var brokenJson = BytesPerLine(h, ["""{"v":1,,"cmd":"ping"}""", """{"v":1,"cmd":"ping"}"""], 2000);
        var wrongFields = BytesPerLine(h,
            ["""{"v":1,"cmd":"set","param":"gain","value":1}""", """{"v":1,"cmd":"set","param":"wh","value":9}""", """{"v":1,"cmd":"ping","colour":"red"}""", """{"v":1,"cmd":"ping"}"""], 1000);
        Console.WriteLine($"control server: {wrongFields:0.0} bytes allocated per request with an unknown parameter, a value out of range or an unknown field");
        Assert.True(wrongFields < 1, $"errors about fields are written without allocating ({wrongFields:0.0} B/line)");
        output.WriteLine($"not an object: {notAnObject:0.0} B/line, broken JSON: {brokenJson:0.0} B/line (half of the lines are pings)");
        Console.WriteLine($"control server: garbage line {notAnObject * 2:0} bytes, malformed JSON line {brokenJson * 2:0} bytes allocated (the reader's exception)");
        Assert.True(notAnObject < 1, $"a line that is not an object is refused before parsing ({notAnObject:0.0} B/line)");
        Assert.True(brokenJson > notAnObject, "broken JSON is only detected by the reader, which throws");
    }

    [Fact]
    public void The_libraries_periodic_check_allocates_little_and_rescans_nothing_when_nothing_changed()
    {
        using var dir = new TempDir();
        using var library = new PresetLibrary(dir.Path);
        for (var i = 0; i < 20; i++)
        {
            library.Save(new Preset($"Preset {i}", GruPedalPi.Dsp.PedalSettings.Defaults, null));
        }

        library.SetSetList(["Preset 1", "Preset 2"]);
        var changes = 0;
        library.Changed += () => changes++;
        for (var i = 0; i < 100; i++)
        {
            library.PeriodicCheck();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        const int Checks = 1000;
        for (var i = 0; i < Checks; i++)
        {
            library.PeriodicCheck();
        }

        var perCheck = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Checks;
        output.WriteLine($"periodic check of 20 presets: {perCheck:0} bytes");
        Console.WriteLine($"preset library: {perCheck:0} bytes allocated per periodic check of 20 preset files (the fallback where inotify is unavailable: 2 checks a second)");
        Assert.Equal(0, changes);
        Assert.True(perCheck < 4096, $"a check allocates per folder, not per file ({perCheck:0} bytes)");
    }

    [Fact]
    public void Accepting_and_serving_a_connection_allocates_nothing_on_the_server()
    {
        using var h = new ServerHarness();
        var ping = "{\"v\":1,\"cmd\":\"ping\"}\n"u8.ToArray();
        var buffer = new byte[256];

        void Cycle(int count)
        {
            for (var i = 0; i < count; i++)
            {
                using var socket = h.Connect();
                socket.Send(ping);
                Assert.True(socket.Receive(buffer) > 0);
            }
        }

        Cycle(300);
        var before = h.Server.Statistics.AcceptBytesAllocated + h.Server.Statistics.HandlerBytesAllocated;
        const int Connections = 2000;
        Cycle(Connections);
        var perConnection = (double)(h.Server.Statistics.AcceptBytesAllocated + h.Server.Statistics.HandlerBytesAllocated - before) / Connections;
        output.WriteLine($"{perConnection:0.0} bytes per connection");
        Console.WriteLine($"control server: {perConnection:0.0} bytes allocated per connection (accept, one ping, close) on the accept and client threads");
        Assert.True(perConnection < 16, $"a connection costs the server next to nothing ({perConnection:0.0} bytes)");
    }
}
