using System.Net.Sockets;
using System.Text;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Service;
using GruPedalPi.Firmware.Tests.Presets;
using GruPedalPi.Firmware.Tests.Support;
using GruPedalPi.Hardware.Simulation;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>
/// Preset loads, from the footswitch's hold and from the control socket, allocate nothing: the service's real
/// <see cref="PedalControl"/>, the disk-backed set list's navigator, the real server on a real socket, and every
/// listener the service hangs on a change (the navigator following it, the request handler's last-change source,
/// the state saver's dirty flag). The state save that follows a change comes later, on the saver's timer, and is
/// measured with the occasional work.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class PresetLoadAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Preset_loads_from_the_socket_allocate_nothing_on_the_server()
    {
        using var dir = new TempDir();
        using var library = new PresetLibrary(dir.Path);
        var queue = new ParameterQueue(256);
        var pedal = new PedalControl(queue, PedalSettings.Defaults);
        library.Navigator.Follow(pedal);
        using var saver = new PedalStateSaver(pedal, dir.Path, interval: TimeSpan.FromSeconds(60)); // its listener; no tick in the test
        using var server = new ControlServer(dir.File("control.sock"), pedal, library);
        server.Start();

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 10_000 };
        socket.Connect(new UnixDomainSocketEndPoint(dir.File("control.sock")));
        string[] names = ["Odd Fuzz", "tube grit", "Plugin\\u0020Default"]; // any case, escaped or not
        var requests = names.Select(n => Encoding.UTF8.GetBytes($"{{\"v\":1,\"cmd\":\"preset.load\",\"name\":\"{n}\"}}\n")).ToArray();
        var buffer = new byte[4096];

        void Load(int count)
        {
            for (int i = 0; i < count; i++)
            {
                socket.Send(requests[i % requests.Length]);
                int filled = 0;
                while (filled == 0 || buffer[filled - 1] != (byte)'\n')
                {
                    int n = socket.Receive(buffer.AsSpan(filled));
                    Assert.True(n > 0, "the server closed the connection");
                    filled += n;
                }

                Assert.Contains("\"ok\":true", Encoding.UTF8.GetString(buffer, 0, filled));
                while (queue.TryDequeue(out _))
                {
                }
            }
        }

        Load(300);
        long before = server.Statistics.HandlerBytesAllocated;
        const int Loads = 3000;
        Load(Loads);
        double perLoad = (double)(server.Statistics.HandlerBytesAllocated - before) / Loads;
        output.WriteLine($"{perLoad:0.00} bytes per preset.load");
        Console.WriteLine($"control server: {perLoad:0.00} bytes allocated per preset.load request ({Loads} loads)");

        Assert.Equal(0, perLoad);
        Assert.Equal("Plugin Default", pedal.CurrentPreset); // the last of 3000, by the library's own string
        Assert.Equal(library.SetList.Names.ToList().IndexOf("Plugin Default") + 1, library.Navigator.Position); // followed in the set list
    }

    [Fact]
    public void Preset_loads_from_the_footswitch_hold_allocate_nothing()
    {
        using var dir = new TempDir();
        using var library = new PresetLibrary(dir.Path);
        var queue = new ParameterQueue(256);
        var pedal = new PedalControl(queue, PedalSettings.Defaults);
        library.Navigator.Follow(pedal);
        using var saver = new PedalStateSaver(pedal, dir.Path, interval: TimeSpan.FromSeconds(60));
        _ = new ControlRequestHandler(pedal, library); // listens to changes as in the service
        var config = ConfigLoader.Defaults();
        var clock = new ManualTimeProvider();
        using var hardware = ControlHardware.CreateSimulated(config, clock);
        using var surface = hardware.CreateSurface(pedal, library.Navigator);
        int pin = config.Footswitch.Pin!.Value;
        var seen = new HashSet<string>();

        void RunFor(double ms)
        {
            var until = clock.Elapsed + TimeSpan.FromMilliseconds(ms);
            while (clock.Elapsed < until)
            {
                clock.Advance(surface.ScanInterval);
                surface.Tick();
            }
        }

        void Hold(int count, bool record)
        {
            for (int i = 0; i < count; i++)
            {
                hardware.SetSimulatedGpio(pin, false); // pressed (active low)
                surface.Tick();
                RunFor(config.Footswitch.HoldMs + 50);
                hardware.SetSimulatedGpio(pin, true);
                surface.Tick();
                RunFor(300);
                while (queue.TryDequeue(out _))
                {
                }

                if (record)
                {
                    seen.Add(pedal.CurrentPreset!);
                }
            }
        }

        Hold(10, record: true);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Hold(50, record: false);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{allocated} bytes over 50 footswitch holds");
        Console.WriteLine($"control surface: {allocated} bytes allocated over 50 footswitch holds that load the set list's next preset");

        Assert.Equal(0, allocated);
        Assert.True(seen.Count >= 3, $"the holds stepped through the set list ({string.Join(", ", seen)})");
    }
}
