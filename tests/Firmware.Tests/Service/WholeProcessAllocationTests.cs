using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GruPedalPi.Firmware.Service;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Service;

/// <summary>
/// The whole `gru-pedal run` process, as a Pi would run it, holds to zero: a child process on a real JACK dummy
/// server with the GC's gen0 budget forced down to a small-cache machine's (<c>DOTNET_GCgen0size=0x80000</c>, 512 KB,
/// near a Raspberry Pi 4's), the simulated control surface scanning knobs that all carry noise, the LED blinking a
/// fault, the preset folder watched, the state saver idle, and a live view asking <c>status</c> twice a second over
/// the control socket. The service's own counters (sampled by its supervisor every 50 ms) give the bytes allocated and
/// the collections of the whole process.
/// </summary>
public sealed class WholeProcessAllocationTests
{
    private const string PiGen0Budget = "80000"; // 512 KB, hexadecimal (NativeAOT reads only the bare form)
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // a loaded 2-core machine can be slow to start things
    private static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(500); // a live view: twice a second
    private readonly ITestOutputHelper _output;

    public WholeProcessAllocationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task A_playing_pedal_polled_for_status_twice_a_second_for_60_s_allocates_nothing_and_never_collects_on_a_pi_sized_budget()
    {
        var window = await Measure(TimeSpan.FromSeconds(60), testAllocationPerTick: 0);
        _output.WriteLine(window.ToString());
        Console.WriteLine($"whole process, playing, status twice a second, gen0 budget 512 KB: {window}");

        Assert.True(window.Polls >= 100, $"status was answered through the window ({window.Polls} polls)");
        Assert.True(window.Callbacks > 30 * 750, $"the pedal played through the window ({window.Callbacks} callbacks in {window.Seconds:F0} s)");
        Assert.Equal(0, window.Collections);
        // 0 bytes in almost every run. One CI run (2026-12-03, the whole suite on a loaded fresh machine) counted one
        // 64-byte object in the window, the same one-time object the 60 s live-view test has met (MonitorTerminalTests,
        // docs/allocation.md). Not met again in 4 runs of the service, socket and live-view tests with every child traced.
        // The bound is that one object; anything per request (120 in the window), per knob scan or per LED blink would
        // be thousands of bytes.
        Assert.InRange(window.Bytes, 0, 64);
    }

    [Fact]
    public async Task The_same_check_fails_when_something_allocates_and_the_small_gen0_budget_makes_collections_happen()
    {
        // 64 KB per 50 ms tick (1.3 MB/s; under the large-object threshold, so it lands in gen0).
        const int PerTick = 64 * 1024;
        var window = await Measure(TimeSpan.FromSeconds(10), PerTick);
        _output.WriteLine(window.ToString());
        Console.WriteLine($"whole process with a deliberate 64 KB per 50 ms tick, gen0 budget 512 KB: {window}");

        Assert.True(window.Bytes >= window.Seconds * 20 * PerTick * 0.8, $"the deliberate allocation is counted ({window.Bytes} bytes)");
        Assert.True(window.Collections > 0, "allocating makes collections happen on a Pi-sized budget");
        // The budget took effect: at most 4x the 512 KB asked for between collections (the GC tunes gen0 upwards a
        // little from survival rates; this machine's own default, from its large caches, is tens of megabytes).
        double bytesPerCollection = (double)window.Bytes / window.Collections;
        Assert.True(bytesPerCollection < 4 * 512 * 1024, $"{bytesPerCollection / 1024:F0} KB allocated per collection: the 512 KB budget is in force");
    }

    [Fact]
    public async Task A_gigs_occasional_work_fits_in_the_units_gen0_budget_so_a_show_makes_no_collection()
    {
        string budgetHex = UnitGen0Budget();
        long budget = Convert.ToInt64(budgetHex, 16);
        using var jack = new JackServer(framesPerPeriod: 64);
        string dir = Directory.CreateTempSubdirectory("gru-gig-alloc-").FullName;
        string socket = Path.Combine(dir, "control.sock");
        using var pedal = new ChildProcess(jack.Name, new Dictionary<string, string> { ["DOTNET_GCgen0size"] = budgetHex },
            "run", "--device", "system", "--frames", "64", "--socket", socket, "--data-dir", Path.Combine(dir, "data"));
        Assert.True(pedal.WaitForLine("Application started", Patience), pedal.Output);
        using var client = new StatusClient(socket);
        // Each operation 700 ms after the last: past the state saver's 500 ms, so each one pays for its own state.json.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(700));
        var deadline = DateTime.UtcNow + Patience;
        while (client.Status() is var s && (s.GetProperty("state").GetString() != "playing" || s.GetProperty("steady_seconds").GetDouble() <= 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "the pedal did not reach its steady state: " + pedal.Output);
            await timer.WaitForNextTickAsync();
        }

        const string Parameters = "\"parameters\":{\"wf\":0.5,\"wh\":1,\"uf\":0.5,\"uh\":0.5,\"bf\":0,\"input_gain_db\":0,\"output_gain_db\":0,\"mix\":1,\"tone\":0}";
        string[] loads = ["Odd Fuzz", "Tube Grit", "Plugin Default"];
        var operations = new (string Name, bool Edit, Func<int, string> Request)[]
        {
            ("preset load, then its state save", false, i => $"{{\"v\":1,\"cmd\":\"preset.load\",\"name\":\"{loads[i % 3]}\"}}"),
            ("parameter set, then its state save", false, i => $"{{\"v\":1,\"cmd\":\"set\",\"param\":\"wh\",\"value\":{1 + i % 3}}}"),
            ("preset list", false, _ => "{\"v\":1,\"cmd\":\"preset.list\"}"),
            ("preset save (current sound)", true, i => $"{{\"v\":1,\"cmd\":\"preset.save\",\"name\":\"Mine {i}\"}}"),
            ("preset rename", true, i => $"{{\"v\":1,\"cmd\":\"preset.rename\",\"name\":\"Mine {i}\",\"to\":\"Yours {i}\"}}"),
            ("preset import (a preset object)", true, i => $"{{\"v\":1,\"cmd\":\"preset.save\",\"preset\":{{\"schema\":1,\"name\":\"Imported {i}\",{Parameters}}}}}"),
            ("set-list add", true, i => $"{{\"v\":1,\"cmd\":\"setlist.add\",\"name\":\"Yours {i}\"}}"),
            ("set-list move", true, i => $"{{\"v\":1,\"cmd\":\"setlist.move\",\"name\":\"Yours {i}\",\"position\":1}}"),
            ("set-list remove", true, i => $"{{\"v\":1,\"cmd\":\"setlist.remove\",\"name\":\"Yours {i}\"}}"),
            ("preset remove", true, i => $"{{\"v\":1,\"cmd\":\"preset.rm\",\"name\":\"Imported {i}\"}}"),
        };

        const int Each = 5;
        long collectionsBefore = client.Status().GetProperty("steady_garbage_collections").GetInt64();
        var perOperation = new Dictionary<string, double>();
        foreach (var (name, _, request) in operations)
        {
            long before = client.Status().GetProperty("steady_bytes_allocated").GetInt64();
            for (int i = 0; i < Each; i++)
            {
                await timer.WaitForNextTickAsync();
                client.Ask(request(i));
            }

            for (int i = 0; i < 3; i++)
            {
                await timer.WaitForNextTickAsync(); // the debounced rescan and the state save that follow
            }

            perOperation[name] = (client.Status().GetProperty("steady_bytes_allocated").GetInt64() - before) / (double)Each;
        }

        long collections = client.Status().GetProperty("steady_garbage_collections").GetInt64() - collectionsBefore;
        pedal.Terminate();
        Assert.True(pedal.WaitForExit(Patience), pedal.Output);
        Directory.Delete(dir, recursive: true);

        foreach (var (name, bytes) in perOperation)
        {
            _output.WriteLine($"{name,-36} {bytes,8:F0} bytes");
            Console.WriteLine($"whole process, bytes per operation: {name,-36} {bytes,8:F0}");
        }

        double load = perOperation[operations[0].Name];
        double edit = operations.Where(o => o.Edit).Max(o => perOperation[o.Name]);
        double gig = 300 * load + 50 * edit;
        Console.WriteLine($"a gig (300 loads at {load:F0} bytes, 50 edits at up to {edit:F0} bytes): {gig / 1e6:F2} MB against a gen0 budget of {budget / 1e6:F1} MB; {collections} collections during the measurement");
        _output.WriteLine($"gig {gig:F0} bytes, budget {budget} bytes, {collections} collections");

        Assert.Equal(0, collections);
        Assert.True(gig < budget / 2, $"a gig's occasional work ({gig / 1e6:F2} MB) fits in half the unit's gen0 budget ({budget / 1e6:F1} MB), a margin for start-up and knob turning");
    }

    [Fact]
    public void Soak_json_reports_bytes_per_hour_of_steady_state_and_the_collections()
    {
        using var jack = new JackServer(framesPerPeriod: 64);
        using var soak = new ChildProcess(jack.Name, new Dictionary<string, string> { ["DOTNET_GCgen0size"] = PiGen0Budget },
            "soak", "--seconds", "4", "--frames", "64", "--json");
        Assert.True(soak.WaitForExit(Patience + TimeSpan.FromSeconds(4)), soak.Output);
        Assert.Equal(0, soak.ExitCode);
        var output = soak.Output;
        using var json = JsonDocument.Parse(output[output.IndexOf('{')..(output.LastIndexOf('}') + 1)]);
        var s = json.RootElement;
        _output.WriteLine(s.ToString());

        double seconds = s.GetProperty("steadySeconds").GetDouble();
        long bytes = s.GetProperty("steadyBytesAllocated").GetInt64();
        double perHour = s.GetProperty("steadyBytesPerHour").GetDouble();
        Assert.InRange(seconds, 1, 4); // 4 s of playing less the first second of warm-up
        Assert.Equal(bytes * 3600 / seconds, perHour, 1e-6 * Math.Max(1, perHour)); // the same figure, per hour
        Assert.Equal(0, s.GetProperty("steadyGarbageCollections").GetInt64());
        Assert.Equal(0, perHour);
    }

    /// <summary>The DOTNET_GCgen0size the shipped unit sets (hexadecimal, no 0x).</summary>
    private static string UnitGen0Budget()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GruPedalPi.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        const string Key = "Environment=DOTNET_GCgen0size=";
        var line = File.ReadLines(Path.Combine(dir.FullName, "systemd", "gru-pedal.service")).SingleOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal));
        Assert.True(line is not null, "the unit sets the GC's gen0 budget");
        string value = line[Key.Length..].Trim();
        Assert.DoesNotContain("0x", value); // NativeAOT ignores the 0x form
        return value;
    }

    private async Task<Window> Measure(TimeSpan length, int testAllocationPerTick)
    {
        using var jack = new JackServer(framesPerPeriod: 64);
        string dir = Directory.CreateTempSubdirectory("gru-whole-alloc-").FullName;
        string socket = Path.Combine(dir, "control.sock");
        string scenario = Path.Combine(dir, "noise.txt");
        // Every knob noisy (3 LSB, as a cheap pot), and a fault so the LED blinks: nothing the pedal settles into.
        File.WriteAllText(scenario, string.Concat(Enumerable.Range(0, 8).Select(c => $"0 noise {c} 3\n")) + "0 fault on\n");
        // Optimised code from the first call, as the NativeAOT build that ships has: the JIT's first, unoptimised code
        // boxes in places (docs/allocation.md), and a path that first runs inside the window then shows as a one-time
        // 48 to 64 bytes that the shipped program never allocates (one run in seven here once counted 64).
        var environment = new Dictionary<string, string> { ["DOTNET_GCgen0size"] = PiGen0Budget, ["DOTNET_TieredCompilation"] = "0" };
        if (testAllocationPerTick > 0)
        {
            environment[AudioSupervisor.TestAllocationVariable] = testAllocationPerTick.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var pedal = new ChildProcess(jack.Name, environment, "run", "--device", "system", "--frames", "64", "--simulate",
            "--scenario", scenario, "--socket", socket, "--data-dir", Path.Combine(dir, "data"));
        Assert.True(pedal.WaitForLine("Application started", Patience), pedal.Output);

        using var timer = new PeriodicTimer(PollPeriod);
        using var liveView = new StatusClient(socket);
        int polls = 0;
        async Task<JsonElement> Poll()
        {
            await timer.WaitForNextTickAsync();
            polls++;
            // Alternately a new connection per request (as `gru-pedal status` makes) and one kept open (a live view).
            return polls % 2 == 0 ? liveView.Status() : StatusClient.Once(socket);
        }

        var deadline = DateTime.UtcNow + Patience;
        JsonElement first;
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "the pedal did not reach its steady state: " + pedal.Output);
            first = await Poll();
        }
        while (first.GetProperty("state").GetString() != "playing" || first.GetProperty("steady_seconds").GetDouble() <= 0);

        for (int i = 0; i < 10; i++)
        {
            first = await Poll(); // the first requests' one-time costs (code paths run once, buffers grown)
        }

        polls = 0;
        var started = DateTime.UtcNow;
        JsonElement last = first;
        while (DateTime.UtcNow - started < length)
        {
            last = await Poll();
        }

        Assert.Equal("playing", last.GetProperty("state").GetString());
        pedal.Terminate();
        Assert.True(pedal.WaitForExit(Patience), pedal.Output);
        Directory.Delete(dir, recursive: true);
        return new Window(
            last.GetProperty("steady_seconds").GetDouble() - first.GetProperty("steady_seconds").GetDouble(),
            last.GetProperty("steady_bytes_allocated").GetInt64() - first.GetProperty("steady_bytes_allocated").GetInt64(),
            last.GetProperty("steady_garbage_collections").GetInt64() - first.GetProperty("steady_garbage_collections").GetInt64(),
            last.GetProperty("callbacks").GetInt64() - first.GetProperty("callbacks").GetInt64(),
            polls);
    }

    private sealed record Window(double Seconds, long Bytes, long Collections, long Callbacks, int Polls)
    {
        public override string ToString() =>
            $"{Seconds:F1} s, {Polls} status requests, {Callbacks} callbacks: {Bytes} bytes allocated ({Bytes * 3600 / Math.Max(Seconds, 1e-9):F0} bytes/hour), {Collections} collections";
    }

    /// <summary>A raw control-socket client.</summary>
    private sealed class StatusClient : IDisposable
    {
        private static readonly byte[] Request = "{\"v\":1,\"cmd\":\"status\"}\n"u8.ToArray();
        private readonly Socket _socket;
        private readonly byte[] _buffer = new byte[64 * 1024];

        public StatusClient(string path)
        {
            _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 10_000, SendTimeout = 10_000 };
            _socket.Connect(new UnixDomainSocketEndPoint(path));
        }

        public static JsonElement Once(string path)
        {
            using var client = new StatusClient(path);
            return client.Status();
        }

        public JsonElement Status() => Send(Request).GetProperty("status").Clone();

        /// <summary>Sends one request and returns the whole response (asserted ok).</summary>
        public JsonElement Ask(string json) => Send(Encoding.UTF8.GetBytes(json + "\n"));

        private JsonElement Send(byte[] request)
        {
            _socket.Send(request);
            int filled = 0;
            while (filled == 0 || _buffer[filled - 1] != (byte)'\n')
            {
                int n = _socket.Receive(_buffer.AsSpan(filled));
                Assert.True(n > 0, "the service closed the connection");
                filled += n;
            }

            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(_buffer, 0, filled));
            Assert.True(doc.RootElement.GetProperty("ok").GetBoolean(), doc.RootElement.ToString());
            return doc.RootElement.Clone();
        }

        public void Dispose() => _socket.Dispose();
    }
}
