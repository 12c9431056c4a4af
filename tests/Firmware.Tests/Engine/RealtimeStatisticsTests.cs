using System.Diagnostics;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Tests.Engine;

public sealed class RealtimeStatisticsTests
{
    // 48 kHz, 48 frames: a 1 ms period, and 10 warm-up callbacks (10 ms).
    private static readonly long Period = Stopwatch.Frequency / 1000;
    private static long Us(double us) => (long)(us * Stopwatch.Frequency / 1e6);

    private static RealtimeStatistics Make()
    {
        var s = new RealtimeStatistics();
        s.Configure(48000, 48, 0.010);
        return s;
    }

    [Fact]
    public void On_time_callbacks_are_never_late_and_their_durations_give_the_percentiles()
    {
        var s = Make();
        long t = 1_000_000;
        for (int n = 0; n < 1010; n++)
        {
            // Steady state: 1000 callbacks, 990 of 100 us and 10 of 400 us.
            double us = n >= 10 && (n % 100) == 50 ? 400 : 100;
            s.Record(t + n * Period, t + n * Period + Us(us), AudioStatusFlags.None);
        }

        var f = s.Read();
        Assert.Equal(1010, f.Callbacks);
        Assert.Equal(10, f.WarmupCallbacks);
        Assert.Equal(1000, f.SteadyCallbacks);
        Assert.Equal(0, f.LateCallbacks);
        Assert.Equal(1000, f.PeriodUs, 6);
        Assert.InRange(f.P50Us, 100, 101.01);   // upper edge of the 1 us bin holding 100 us
        Assert.InRange(f.P99Us, 100, 101.01);   // 99% of callbacks took 100 us
        Assert.InRange(f.P999Us, 400, 401.01);  // the slowest 1% took 400 us
        Assert.Equal(400, f.MaxUs, 0);
        Assert.InRange(f.DspLoad, 0.102, 0.104); // mean 103 us over a 1000 us period
    }

    [Fact]
    public void Reading_the_figures_allocates_only_the_result_not_a_copy_of_the_histogram()
    {
        var s = Make();
        for (int n = 0; n < 100; n++)
        {
            s.Record(1_000_000 + n * Period, 1_000_000 + n * Period + Us(50), AudioStatusFlags.None);
        }

        s.Read(); // first call: JIT and type loading
        long before = GC.GetAllocatedBytesForCurrentThread();
        var f = s.Read();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(100, f.Callbacks);
        // The result record is a few hundred bytes; a histogram copy would be 160 KB (a large object whose
        // collection stalls the audio thread whenever `gru-pedal status` is polled).
        Assert.True(bytes < 2048, $"{bytes} bytes allocated by one Read");
    }

    [Fact]
    public void A_callback_that_runs_past_the_next_period_is_late()
    {
        var s = Make();
        long t = 0;
        for (int n = 0; n < 20; n++)
        {
            s.Record(t + n * Period, t + n * Period + Us(n == 15 ? 2100 : 50), AudioStatusFlags.None);
        }

        Assert.Equal(1, s.Read().LateCallbacks);
        Assert.Equal(0, s.Read().LateStarts);
    }

    [Fact]
    public void A_stall_counts_once_as_a_late_start_and_the_schedule_follows_the_device_again()
    {
        var s = Make();
        long t = 0;
        for (int n = 0; n < 20; n++)
        {
            s.Record(t, t + Us(50), AudioStatusFlags.None);
            t += n == 14 ? 5 * Period : Period; // callback 15 comes four periods late
        }

        var f = s.Read();
        Assert.Equal(1, f.LateCallbacks);
        Assert.Equal(1, f.LateStarts);
    }

    [Fact]
    public void Jitter_within_a_period_and_early_callbacks_are_not_late()
    {
        var s = Make();
        long t = 0;
        var random = new Random(3);
        for (int n = 0; n < 2000; n++)
        {
            long jitter = (long)(random.NextDouble() * 0.5 * Period);
            s.Record(t + jitter, t + jitter + Us(100), AudioStatusFlags.None);
            t += Period;
        }

        Assert.Equal(0, s.Read().LateCallbacks);
    }

    [Fact]
    public void Warm_up_problems_are_reported_apart_from_the_steady_state()
    {
        var s = Make();
        long t = 0;
        for (int n = 0; n < 30; n++)
        {
            var flags = n is 0 or 20 ? AudioStatusFlags.OutputUnderflow | AudioStatusFlags.InputOverflow : AudioStatusFlags.None;
            s.Record(t, t + Us(n == 1 ? 3000 : 10), flags);
            t += Period;
        }

        var f = s.Read();
        Assert.Equal(2, f.Xruns);
        Assert.Equal(1, f.StartupXruns);
        Assert.Equal(1, f.StartupLateCallbacks);
        Assert.Equal(3000, f.StartupMaxUs, 0);
        Assert.Equal(0, f.LateCallbacks);
        Assert.True(f.MaxUs < 11);
        Assert.Equal(AudioStatusFlags.OutputUnderflow | AudioStatusFlags.InputOverflow, f.XrunFlags);
    }
}
