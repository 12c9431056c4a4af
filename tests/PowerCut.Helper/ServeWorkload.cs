using System.Text.Json;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.PowerCut.Helper;

/// <summary>
/// The service as `gru-pedal run` builds it (PortAudio on device "system", 64 frames, 48 kHz) with the control
/// plane added, for the socket fuzz test on JACK: prints "ready" once playing, then answers "status" (one JSON
/// line of the real-time statistics, and the process's allocation counters read just before and just after the
/// command's own work) and "stop" on its standard input.
/// </summary>
public static class ServeWorkload
{
    /// <summary>Runs until "stop" or the end of the standard input.</summary>
    public static int Run(string dataDirectory, string socketPath, TextWriter output)
    {
        var options = new PedalServiceOptions { DeviceName = "system", FramesPerBuffer = 64, SampleRateHz = 48000 };
        // Built as the service builds itself (the control plane before the audio), without the control surface.
        using var host = PedalHost.Build(new PedalHostOptions
        {
            Audio = options, LogLevel = LogLevel.Warning, DataDirectory = dataDirectory, SocketPath = socketPath,
        });
        host.Start();
        var supervisor = host.Services.GetRequiredService<AudioSupervisor>();
        if (!supervisor.WaitPlaying(TimeSpan.FromSeconds(20), CancellationToken.None))
        {
            output.WriteLine($"not playing: {supervisor.Fault}");
            return 1;
        }

        output.WriteLine("ready");
        string? line;
        while ((line = Console.In.ReadLine()) is not null && line != "stop")
        {
            if (line == "status")
            {
                // The process's own counters, read now (not as the supervisor sampled them on its last 50 ms tick)
                // both before and after this command's own allocations (the snapshot clones the callback-time
                // histogram, reads /proc): a test measuring a window between two commands takes the "after" figures
                // of the first and the "before" figures of the second, so neither command is charged to the window.
                var collectionsBefore = Collections();
                var bytesBefore = GC.GetTotalAllocatedBytes(true);
                var status = supervisor.GetStatus(exactAllocations: true);
                var control = host.Services.GetRequiredService<ControlPlane>().Server.Statistics;
                var collectionsAfter = Collections();
                var bytesAfter = GC.GetTotalAllocatedBytes(true);
                output.WriteLine(ToJson(status, control, collectionsBefore, bytesBefore, collectionsAfter, bytesAfter));
            }
        }

        host.StopAsync().GetAwaiter().GetResult();
        return 0;
    }

    private static long Collections() => GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);

    private static string ToJson(StatusSnapshot s, ControlServerStatistics control, long collectionsBefore, long bytesBefore,
        long collectionsAfter, long bytesAfter)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("state", AudioStateNames.Utf8(s.State));
            w.WriteNumber("callbacks", s.Callbacks);
            w.WriteNumber("lateCallbacks", s.LateCallbacks);
            w.WriteNumber("xruns", s.Xruns);
            w.WriteNumber("garbageCollections", s.GarbageCollections);
            w.WriteNumber("bytesAllocated", s.BytesAllocated);
            w.WriteNumber("callbackMaxUs", s.CallbackMaxUs);
            w.WriteNumber("processCollectionsBefore", collectionsBefore);
            w.WriteNumber("processBytesBefore", bytesBefore);
            w.WriteNumber("processCollectionsAfter", collectionsAfter);
            w.WriteNumber("processBytesAfter", bytesAfter);
            w.WriteNumber("controlAcceptBytes", control.AcceptBytesAllocated);
            w.WriteNumber("controlConnections", control.Connections);
            w.WriteNumber("controlRequests", control.Requests);
            w.WriteNumber("controlHandlerBytes", control.HandlerBytesAllocated);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
