using System.Net.Sockets;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Service;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Tests.Service;

public sealed class AllocationQuietTests
{
    /// <summary>
    /// One steady second of the pedal's recurring work on this thread: 750 callbacks of 64 frames (with the looped
    /// input and the recorder ring), the control loop's knob turns and stomps through <see cref="PedalControl"/>, the
    /// supervisor's tick (callback count, steady flag, resync flush, allocation counters) and watchdog pings on a
    /// real notify socket, and the recorder's file writes. Measured per thread, so the test host's own allocations
    /// on other threads do not count.
    /// </summary>
    [Fact]
    public void A_steady_run_of_callback_control_statistics_recorder_and_watchdog_allocates_nothing_and_collects_nothing()
    {
        string dir = Directory.CreateTempSubdirectory("gru-alloc-").FullName;
        using var notifySocket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notifySocket.Bind(new UnixDomainSocketEndPoint(Path.Combine(dir, "notify")));
        using var notifier = new SystemdNotifier(Path.Combine(dir, "notify"), 2_000_000);

        var queue = new ParameterQueue(256);
        var engine = new AudioEngine(new PedalChain(new ChainOptions()), queue, new EngineRouting());
        engine.Prepare(48000, 4096);
        var ring = new RecorderRing(48000 * 4);
        engine.SetRecorder(ring);
        engine.SetInput(new LoopedInput(ServiceJackTests.Riff(48000)) { GapFrames = 3 });
        var control = new PedalControl(queue, PedalSettings.Defaults);
        engine.Warm(64, 0.01, 200);
        engine.Arm(control);
        using var writer = new WavFloatWriter(Path.Combine(dir, "rec.wav"), 48000, 1);

        var input = new float[64];
        var output = new float[128];
        var drain = new float[8192];
        var watchdog = new WatchdogPolicy(20 * System.Diagnostics.Stopwatch.Frequency);
        watchdog.EnterPlaying(0);
        void Second()
        {
            for (int n = 0; n < 750; n++)
            {
                if (n % 10 == 0)
                {
                    control.SetParameter(ParameterId.Wh, 0.5f + n % 100 / 25f, ControlSource.Knob);
                }

                if (n % 250 == 0)
                {
                    control.SetBypass(n % 500 == 0, ControlSource.Footswitch);
                }

                var block = new AudioBlock(input, output, 64, 1, 2, AudioStatusFlags.None, 0, 0);
                engine.Process(in block);

                if (n % 37 == 0)
                {
                    _ = engine.Statistics.Callbacks;
                    _ = engine.Statistics.SteadyState;
                    control.Flush();
                    _ = GC.GetTotalAllocatedBytes(true);
                    _ = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
                    if (watchdog.ShouldPing(engine.Statistics.Callbacks, System.Diagnostics.Stopwatch.GetTimestamp()))
                    {
                        notifier.Watchdog();
                    }

                    int got;
                    while ((got = ring.Read(drain)) > 0)
                    {
                        writer.Write(drain.AsSpan(0, got));
                    }
                }
            }
        }

        Second(); // first calls: JIT, static constructors, socket buffers
        int collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Second();
        Second();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        int collected = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections;

        Assert.Equal(0, allocated);
        Assert.Equal(0, collected);
        Assert.Equal(2250, engine.Statistics.Callbacks);
        Assert.True(notifier.Pings > 0);
        Directory.Delete(dir, recursive: true);
    }
}
