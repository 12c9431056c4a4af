using GruPedalPi.Firmware.Engine;
using NAudio.Wave;

namespace GruPedalPi.Firmware.Tests.Engine;

public sealed class RecorderRingTests
{
    [Fact]
    public void Samples_pass_through_the_ring_in_order_across_its_wrap()
    {
        var ring = new RecorderRing(1024);
        var output = new List<float>();
        var chunk = new float[300];
        float next = 0;
        for (int block = 0; block < 20; block++)
        {
            var input = Enumerable.Range(0, 200).Select(_ => next++).ToArray();
            ring.Write(input);
            int n = ring.Read(chunk);
            output.AddRange(chunk.Take(n));
        }

        int m;
        while ((m = ring.Read(chunk)) > 0)
        {
            output.AddRange(chunk.Take(m));
        }

        Assert.Equal(Enumerable.Range(0, 4000).Select(i => (float)i), output);
        Assert.Equal(0, ring.Dropped);
    }

    [Fact]
    public void A_full_ring_drops_whole_blocks_and_counts_them()
    {
        var ring = new RecorderRing(1024);
        ring.Write(new float[1000]);
        ring.Write(new float[100]);
        Assert.Equal(100, ring.Dropped);
        Assert.Equal(1000, ring.Available);
    }

    [Fact]
    public void The_recorder_writes_a_float_wav_that_NAudio_reads_back_without_the_skipped_frames()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gru-rec-{Guid.NewGuid():N}.wav");
        try
        {
            using (var recorder = new WavRecorder(path, 48000, 1, skipFrames: 3))
            {
                recorder.Ring.Write([9, 9, 9, 0.5f, -0.25f]);
                recorder.Ring.Write([1f]);
            }

            using var reader = new WaveFileReader(path);
            Assert.Equal(WaveFormatEncoding.IeeeFloat, reader.WaveFormat.Encoding);
            Assert.Equal(48000, reader.WaveFormat.SampleRate);
            var samples = new float[8];
            int n = reader.ToSampleProvider().Read(samples.AsSpan());
            Assert.Equal([0.5f, -0.25f, 1f], samples.Take(n));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
