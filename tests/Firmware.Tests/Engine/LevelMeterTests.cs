using GruPedalPi.Firmware.Engine;

namespace GruPedalPi.Firmware.Tests.Engine;

public sealed class LevelMeterTests
{
    [Fact]
    public void A_full_scale_sine_reads_0_dbfs_peak_and_minus_3_dbfs_rms_once_a_window_is_complete()
    {
        var meter = new LevelMeter();
        meter.Prepare(48000);
        Assert.Equal(0, meter.Read().Windows); // nothing published before the first window

        var sine = Enumerable.Range(0, 2400).Select(i => 0.99f * MathF.Sin(2 * MathF.PI * 1000 * i / 48000f)).ToArray();
        meter.Accumulate(sine);
        var m = meter.Read();

        Assert.Equal(1, m.Windows);
        // 1 kHz at 48 kHz: 48 samples a cycle, so the sampled peak is the true peak of 0.99 (-0.087 dBFS) to float precision.
        Assert.Equal(20 * Math.Log10(0.99), m.PeakDbfs, 0.01);
        // A sine's RMS is its peak over sqrt 2 (-3.01 dB); 50 whole cycles, so the window adds no ripple beyond 0.01 dB.
        Assert.Equal(20 * Math.Log10(0.99 / Math.Sqrt(2)), m.RmsDbfs, 0.01);
        Assert.Equal(0, m.Clips); // 0.99 is under the clip level of 0.999
    }

    [Fact]
    public void Blocks_of_any_size_publish_the_same_windows_and_every_clipped_sample_is_counted()
    {
        var random = new Random(3);
        var signal = Enumerable.Range(0, 48000).Select(_ => (float)(random.NextDouble() * 2.2 - 1.1)).ToArray();
        long clipped = signal.Count(s => MathF.Abs(s) >= LevelMeter.ClipLevel);

        var whole = new LevelMeter();
        whole.Prepare(48000);
        whole.Accumulate(signal);
        var pieces = new LevelMeter();
        pieces.Prepare(48000);
        for (int i = 0; i < signal.Length; i += 37)
        {
            pieces.Accumulate(signal.AsSpan(i, Math.Min(37, signal.Length - i)));
        }

        Assert.Equal(whole.Read(), pieces.Read()); // the same sums in the same order: bit-identical
        Assert.Equal(20, whole.Read().Windows);    // 1 s of 50 ms windows
        Assert.Equal(clipped, whole.Read().Clips);
    }

    [Fact]
    public void A_nan_or_infinite_sample_reads_as_a_full_scale_clip_and_the_next_window_is_clean_again()
    {
        var meter = new LevelMeter();
        meter.Prepare(48000, 1, windowMs: 10);
        var block = new float[480];
        block[7] = float.NaN;
        block[9] = float.PositiveInfinity;
        meter.Accumulate(block);
        var bad = meter.Read();
        Assert.Equal(0f, bad.PeakDbfs);
        Assert.True(float.IsFinite(bad.RmsDbfs));
        Assert.Equal(2, bad.Clips);

        meter.Accumulate(new float[480]);
        var clean = meter.Read();
        Assert.Equal(MeterReading.FloorDbfs, clean.PeakDbfs);
        Assert.Equal(MeterReading.FloorDbfs, clean.RmsDbfs);
        Assert.Equal(2, clean.Clips); // cumulative
    }

    [Fact]
    public async Task A_reader_on_another_thread_never_sees_a_torn_reading()
    {
        // The writer publishes windows whose fields all encode the same number; a torn copy would mix two.
        var value = new SeqLockValue<(long A, long B, long C)>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                value.Publish((i, i * 3, i * 7));
            }
        });

        while (value.Version == 0)
        {
            await Task.Yield(); // the writer has started
        }

        int reads = 0;
        var until = DateTime.UtcNow.AddMilliseconds(300);
        while (DateTime.UtcNow < until)
        {
            var (a, b, c) = value.Read();
            Assert.Equal(a * 3, b);
            Assert.Equal(a * 7, c);
            reads++;
        }

        stop.Cancel();
        await writer;
        Assert.True(value.Version > 0 && reads > 0);
    }

    [Fact]
    public void Accumulating_and_reading_allocate_nothing()
    {
        var meter = new LevelMeter();
        meter.Prepare(48000);
        var block = Enumerable.Range(0, 64).Select(i => MathF.Sin(i * 0.1f)).ToArray();
        for (int i = 0; i < 100; i++)
        {
            meter.Accumulate(block);
            _ = meter.Read();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            meter.Accumulate(block);
            _ = meter.Read();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
