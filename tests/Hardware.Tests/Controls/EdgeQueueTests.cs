using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Hardware.Tests.Controls;

public sealed class EdgeQueueTests
{
    [Fact]
    public void Edges_come_out_in_order()
    {
        var q = new EdgeQueue(8);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(q.TryEnqueue(i * 10, i % 2 == 0));
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.True(q.TryDequeue(out var t, out var high));
            Assert.Equal(i * 10, t);
            Assert.Equal(i % 2 == 0, high);
        }

        Assert.False(q.TryDequeue(out _, out _));
    }

    [Fact]
    public void A_full_queue_drops_and_counts_but_keeps_the_latest_level()
    {
        var q = new EdgeQueue(4);
        for (var i = 0; i < 7; i++)
        {
            q.TryEnqueue(i, i % 2 == 1);
        }

        Assert.Equal(3, q.Dropped);
        Assert.Equal(0, q.LatestLevel); // edge 6 was low
    }

    [Fact]
    public void A_producer_thread_and_a_consumer_thread_pass_every_edge_once()
    {
        var q = new EdgeQueue(64);
        const int n = 200_000;
        var producer = new Thread(() =>
        {
            for (var i = 1; i <= n; i++)
            {
                while (!q.TryEnqueue(i, (i & 1) == 0))
                {
                    Thread.SpinWait(10);
                }
            }
        });
        producer.Start();
        var expected = 1L;
        while (expected <= n)
        {
            if (q.TryDequeue(out var t, out var high))
            {
                Assert.Equal(expected, t);
                Assert.Equal((expected & 1) == 0, high);
                expected++;
            }
        }

        producer.Join();
    }
}
