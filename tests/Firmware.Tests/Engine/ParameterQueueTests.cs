using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Engine;

namespace GruPedalPi.Firmware.Tests.Engine;

public sealed class ParameterQueueTests
{
    [Fact]
    public void Commands_come_out_in_the_order_they_went_in()
    {
        var queue = new ParameterQueue(8);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(queue.TryEnqueue(ParameterCommand.Parameter(ParameterId.Wh, i)));
        }

        for (int i = 0; i < 5; i++)
        {
            Assert.True(queue.TryDequeue(out var c));
            Assert.Equal(i, c.Value);
        }

        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void A_full_queue_refuses_instead_of_waiting_and_accepts_again_once_drained()
    {
        var queue = new ParameterQueue(4);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(queue.TryEnqueue(ParameterCommand.Bypass(true)));
        }

        Assert.False(queue.TryEnqueue(ParameterCommand.Bypass(false)));
        Assert.True(queue.TryDequeue(out _));
        Assert.True(queue.TryEnqueue(ParameterCommand.Bypass(false)));
    }

    [Fact]
    public void Two_producers_and_one_consumer_lose_nothing_and_keep_each_producers_order()
    {
        var queue = new ParameterQueue(64);
        const int perProducer = 50_000;
        var producers = Enumerable.Range(0, 2).Select(p => new Thread(() =>
        {
            for (int i = 0; i < perProducer; i++)
            {
                var c = ParameterCommand.Parameter((ParameterId)p, i);
                while (!queue.TryEnqueue(c))
                {
                    Thread.Yield();
                }
            }
        })).ToList();
        producers.ForEach(t => t.Start());

        var next = new int[2];
        int received = 0;
        while (received < 2 * perProducer)
        {
            if (queue.TryDequeue(out var c))
            {
                Assert.Equal(next[(int)c.Id], (int)c.Value);
                next[(int)c.Id]++;
                received++;
            }
        }

        producers.ForEach(t => t.Join());
        Assert.Equal([perProducer, perProducer], next);
    }

    [Fact]
    public void A_whole_preset_travels_as_one_command()
    {
        var queue = new ParameterQueue(4);
        var settings = FactoryPresets.All[2].Settings;
        queue.TryEnqueue(ParameterCommand.All(settings));
        Assert.True(queue.TryDequeue(out var c));
        Assert.Equal(ParameterCommandKind.SetAll, c.Kind);
        foreach (var p in Parameters.All)
        {
            Assert.Equal(settings[p.Id], c.Settings[p.Id]);
        }
    }
}
