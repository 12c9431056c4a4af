using GruPedalPi.Firmware.Interop;
using GruPedalPi.Firmware.Service;

namespace GruPedalPi.Firmware.Tests.Service;

public sealed class RealtimeOverrunGuardTests
{
    [Fact]
    public void An_overrun_makes_a_sched_fifo_thread_ordinary_and_is_reported_once()
    {
        using var guard = new RealtimeOverrunGuard();
        int tid = 0;
        string? refused = null;
        using var ready = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            tid = LibC.GetTid();
            refused = RealtimeSetup.MakeRealtime(tid, 10);
            ready.Set();
            done.Wait();
        }) { IsBackground = true, Name = "fifo-under-test" };
        thread.Start();
        Assert.True(ready.Wait(TimeSpan.FromSeconds(10)));
        try
        {
            Assert.Null(refused); // the tests run where JACK runs with -R: real time is allowed
            Assert.True(RealtimeSetup.IsRealtime(tid));

            guard.HandleOverrun();

            Assert.False(RealtimeSetup.IsRealtime(tid));
            Assert.Contains($"{tid} fifo-under-test", guard.LastDemoted, StringComparison.Ordinal);
            Assert.Equal(1, guard.Overruns);
            Assert.True(guard.TakeOverrun());
            Assert.False(guard.TakeOverrun()); // once per overrun
        }
        finally
        {
            done.Set();
            thread.Join();
        }
    }

    [Fact]
    public void A_real_sigxcpu_is_caught_and_does_not_end_the_process()
    {
        using var guard = new RealtimeOverrunGuard();
        guard.Register();
        Assert.Equal(0, LibC.Kill(Environment.ProcessId, RealtimeOverrunGuard.SigXcpu));
        Assert.True(SpinWait.SpinUntil(() => guard.Overruns == 1, TimeSpan.FromSeconds(10)));
        Assert.True(guard.TakeOverrun());
    }
}
