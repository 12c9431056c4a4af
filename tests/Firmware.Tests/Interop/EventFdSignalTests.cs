using GruPedalPi.Firmware.Interop;

namespace GruPedalPi.Firmware.Tests.Interop;

public sealed class EventFdSignalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10); // a loaded 2-core machine can be slow to schedule a thread

    [Fact]
    public void A_raise_before_the_wait_lets_the_wait_return_at_once_and_raises_coalesce()
    {
        using var signal = new EventFdSignal("test");
        signal.Raise();
        signal.Raise();
        signal.Wait(); // both raises taken together

        var waiter = new Thread(signal.Wait) { IsBackground = true };
        waiter.Start();
        Assert.False(waiter.Join(TimeSpan.FromMilliseconds(200)), "the count was cleared, so a second wait blocks");
        signal.Raise();
        Assert.True(waiter.Join(Patience), "a raise wakes the blocked waiter");
    }

    [Fact]
    public void Handing_off_between_two_threads_allocates_nothing_from_the_first_meeting_on()
    {
        using var request = new EventFdSignal("test");
        using var reply = new EventFdSignal("test");
        bool stop = false;
        long echoBytes = -1;
        var echo = new Thread(() =>
        {
            request.Wait(); // the calls' own first-use costs (the P/Invoke stubs), before the count starts
            reply.Raise();
            long before = GC.GetAllocatedBytesForCurrentThread();
            while (true)
            {
                request.Wait();
                if (Volatile.Read(ref stop))
                {
                    Volatile.Write(ref echoBytes, GC.GetAllocatedBytesForCurrentThread() - before);
                    return;
                }

                reply.Raise();
            }
        }) { IsBackground = true };
        echo.Start();
        request.Raise();
        reply.Wait();

        // Each thread counts its own bytes: other tests run in this process at the same time.
        long mainBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            request.Raise();
            reply.Wait();
        }

        long mainBytes = GC.GetAllocatedBytesForCurrentThread() - mainBefore;
        Volatile.Write(ref stop, true);
        request.Raise();
        Assert.True(echo.Join(Patience));
        Assert.Equal(0, mainBytes);
        Assert.Equal(0, Volatile.Read(ref echoBytes));
    }
}
