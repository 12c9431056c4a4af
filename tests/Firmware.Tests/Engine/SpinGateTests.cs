using GruPedalPi.Firmware.Engine;

namespace GruPedalPi.Firmware.Tests.Engine;

public sealed class SpinGateTests
{
    // Enough rounds that two threads on two cores meet on the gate many times (a round holds it for about 100 ns).
    private const int Rounds = 200_000;

    [Fact]
    public void Two_threads_that_meet_on_the_gate_never_overlap_and_allocate_nothing()
    {
        var gate = new SpinGate();
        long shared = 0;
        int inside = 0;
        int overlaps = 0;
        var bytes = new long[2];
        using var start = new Barrier(2);

        void Work(int who)
        {
            start.SignalAndWait();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Rounds; i++)
            {
                using (gate.Enter())
                {
                    if (Interlocked.Increment(ref inside) != 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    shared++; // not atomic: only the gate keeps the count exact
                    Interlocked.Decrement(ref inside);
                }
            }

            bytes[who] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var other = new Thread(() => Work(1));
        other.Start();
        Work(0);
        other.Join();

        Assert.Equal(0, overlaps);
        Assert.Equal(2L * Rounds, shared);
        Assert.Equal(0, bytes[0]);
        Assert.Equal(0, bytes[1]);
    }

    [Fact]
    public void Status_readers_on_two_threads_at_once_allocate_nothing()
    {
        var statistics = new RealtimeStatistics();
        statistics.Configure(48000, 64, 0.010);
        long t = 1_000_000;
        for (int n = 0; n < 100; n++)
        {
            statistics.Record(t + n * 10_000, t + n * 10_000 + 1_000, GruPedalPi.Hardware.Audio.AudioStatusFlags.None);
        }

        statistics.Read(); // the first call's one-time costs (code compiled, pages touched)
        var bytes = new long[2];
        var callbacks = new long[2];
        using var start = new Barrier(2);

        void Work(int who)
        {
            start.SignalAndWait();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2_000; i++) // each read copies a 160 KB histogram under the gate: the threads meet
            {
                callbacks[who] += statistics.Read().Callbacks;
            }

            bytes[who] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var other = new Thread(() => Work(1));
        other.Start();
        Work(0);
        other.Join();

        Assert.Equal(2_000 * 100, callbacks[0]);
        Assert.Equal(2_000 * 100, callbacks[1]);
        Assert.Equal(0, bytes[0]);
        Assert.Equal(0, bytes[1]);
    }
}
