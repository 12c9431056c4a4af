using System.Diagnostics;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using NAudio.Wave;

namespace GruPedalPi.Firmware.Offline;

/// <summary>
/// Renders audio through the pedal chain (or the seed's raw unit) offline, in fixed blocks of <see cref="BlockSize"/>
/// frames, exactly as the live engine would process it. With latency compensation (the default) the chain's
/// <see cref="PedalChain.LatencySamples"/> are trimmed from the start and the tail is flushed with silence, so the output
/// has the input's length and lines up with it.
/// </summary>
public static class OfflineRenderer
{
    /// <summary>Frames per processing block.</summary>
    public const int BlockSize = 512;

    /// <summary>Reads up to <c>left.Length</c> frames into the spans; returns the number read (0 at the end).</summary>
    private delegate int BlockSource(Span<float> left, Span<float> right);

    /// <summary>Takes <paramref name="count"/> processed frames.</summary>
    private delegate void BlockSink(ReadOnlySpan<float> left, ReadOnlySpan<float> right, int count);

    /// <summary>
    /// Renders <paramref name="inputPath"/> (16/24/32-bit PCM or 32-bit float WAV, mono or stereo, 44.1..192 kHz) to
    /// <paramref name="outputPath"/> as 32-bit float WAV at the input's rate and channel count. The output is written
    /// to a temporary file in the same folder and renamed at the end, so a failed render leaves no partial file.
    /// Throws <see cref="UsageException"/> for a problem with either file.
    /// </summary>
    /// <param name="inputPath">The WAV file to read.</param>
    /// <param name="outputPath">The WAV file to write (replaced if it exists; must differ from the input).</param>
    /// <param name="job">Settings and options.</param>
    /// <param name="progress">Called now and then with the fraction done, 0..1 (may be null).</param>
    public static RenderReport RenderFile(string inputPath, string outputPath, RenderJob job, Action<double>? progress = null)
    {
        var fullOut = Path.GetFullPath(outputPath);
        if (string.Equals(Path.GetFullPath(inputPath), fullOut, StringComparison.Ordinal))
        {
            throw new UsageException($"{outputPath}: the output must not be the input file");
        }

        var directory = Path.GetDirectoryName(fullOut)!;
        if (!Directory.Exists(directory))
        {
            throw new UsageException($"{outputPath}: folder {directory} does not exist");
        }

        if (Directory.Exists(fullOut))
        {
            throw new UsageException($"{outputPath}: is a folder");
        }

        using var reader = new WavAudioReader(inputPath);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullOut)}.{Environment.ProcessId}.tmp");
        try
        {
            RenderReport report;
            using (var writer = CreateWriter(temp, outputPath, reader.SampleRateHz, reader.Channels))
            {
                var interleaved = new float[BlockSize * reader.Channels];
                long total = Math.Max(1, reader.Frames);
                long done = 0;
                long lastReport = 0;
                report = Run(
                    reader.SampleRateHz,
                    reader.Channels,
                    job,
                    reader.Read,
                    (l, r, n) =>
                    {
                        WriteInterleaved(writer, interleaved, l, r, n, reader.Channels, outputPath);
                        done += n;
                        if (progress is not null && (done - lastReport >= reader.SampleRateHz || done == total))
                        {
                            lastReport = done;
                            progress(Math.Min(1.0, done / (double)total));
                        }
                    });
            }

            File.Move(temp, fullOut, overwrite: true);
            return report;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Renders audio held in memory: one array per channel (1 or 2, all the same length) at
    /// <paramref name="sampleRateHz"/> (44100..192000). Returns new arrays of the same shape.
    /// </summary>
    public static float[][] Render(float[][] channels, int sampleRateHz, RenderJob job, out RenderReport report)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length is not (1 or 2))
        {
            throw new ArgumentException("One or two channels.", nameof(channels));
        }

        int length = channels[0].Length;
        if (channels.Length == 2 && channels[1].Length != length)
        {
            throw new ArgumentException("Both channels must have the same length.", nameof(channels));
        }

        var output = new float[channels.Length][];
        for (int c = 0; c < channels.Length; c++)
        {
            output[c] = new float[length];
        }

        int readPos = 0;
        int writePos = 0;
        report = Run(
            sampleRateHz,
            channels.Length,
            job,
            (l, r) =>
            {
                int n = Math.Min(l.Length, length - readPos);
                channels[0].AsSpan(readPos, n).CopyTo(l);
                if (channels.Length == 2)
                {
                    channels[1].AsSpan(readPos, n).CopyTo(r);
                }

                readPos += n;
                return n;
            },
            (l, r, n) =>
            {
                l[..n].CopyTo(output[0].AsSpan(writePos));
                if (channels.Length == 2)
                {
                    r[..n].CopyTo(output[1].AsSpan(writePos));
                }

                writePos += n;
            });
        return output;
    }

    private static RenderReport Run(int sampleRateHz, int channels, RenderJob job, BlockSource source, BlockSink sink)
    {
        var stopwatch = Stopwatch.StartNew();
        var processor = new BlockProcessor(sampleRateHz, channels, job);
        var left = new float[BlockSize];
        var right = new float[BlockSize];
        int skip = job.CompensateLatency ? processor.LatencySamples : 0;
        long read = 0;
        long written = 0;
        bool inputEnded = false;
        float inPeak = 0;
        float outPeak = 0;
        while (!inputEnded || written < read)
        {
            int n = 0;
            if (!inputEnded)
            {
                n = source(left, right);
                if (n == 0)
                {
                    inputEnded = true;
                }
                else
                {
                    read += n;
                    inPeak = MathF.Max(inPeak, Peak(left, right, n, channels));
                }
            }

            if (inputEnded)
            {
                // Flush the chain's tail with silence until every input frame has its output.
                n = (int)Math.Min(BlockSize, skip + (read - written));
                if (n == 0)
                {
                    break;
                }

                left.AsSpan(0, n).Clear();
                right.AsSpan(0, n).Clear();
            }

            processor.Process(left.AsSpan(0, n), right.AsSpan(0, n));
            int start = Math.Min(skip, n);
            skip -= start;
            int count = (int)Math.Min(n - start, read - written);
            if (count > 0)
            {
                var l = left.AsSpan(start, count);
                var r = right.AsSpan(start, count);
                outPeak = MathF.Max(outPeak, Peak(l, r, count, channels));
                sink(l, r, count);
                written += count;
            }
        }

        return new RenderReport(written, sampleRateHz, channels, processor.LatencySamples,
            inPeak, outPeak, stopwatch.Elapsed);
    }

    private static float Peak(ReadOnlySpan<float> left, ReadOnlySpan<float> right, int n, int channels)
    {
        float peak = 0;
        for (int i = 0; i < n; i++)
        {
            peak = MathF.Max(peak, MathF.Abs(left[i]));
            if (channels == 2)
            {
                peak = MathF.Max(peak, MathF.Abs(right[i]));
            }
        }

        return peak;
    }

    private static WaveFileWriter CreateWriter(string temp, string outputPath, int sampleRateHz, int channels)
    {
        try
        {
            return new WaveFileWriter(temp, WaveFormat.CreateIeeeFloatWaveFormat(sampleRateHz, channels));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{outputPath}: cannot write ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static void WriteInterleaved(WaveFileWriter writer, float[] buffer, ReadOnlySpan<float> left, ReadOnlySpan<float> right,
        int count, int channels, string outputPath)
    {
        if (channels == 1)
        {
            left[..count].CopyTo(buffer);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                buffer[2 * i] = left[i];
                buffer[(2 * i) + 1] = right[i];
            }
        }

        try
        {
            writer.WriteSamples(buffer, 0, count * channels);
        }
        catch (IOException e)
        {
            throw new UsageException($"{outputPath}: cannot write ({e.Message.TrimEnd('.')})", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The chain, or one raw unit per channel.</summary>
    private sealed class BlockProcessor
    {
        private readonly PedalChain? _chain;
        private readonly RawUnit? _rawLeft;
        private readonly RawUnit? _rawRight;
        private readonly int _channels;

        public BlockProcessor(int sampleRateHz, int channels, RenderJob job)
        {
            _channels = channels;
            if (job.Raw)
            {
                _rawLeft = new RawUnit(job.Settings);
                _rawRight = channels == 2 ? new RawUnit(job.Settings) : null;
            }
            else
            {
                _chain = new PedalChain(job.Chain with { Channels = channels });
                _chain.Prepare(sampleRateHz, BlockSize);
                _chain.SetAll(job.Settings, immediate: true);
            }
        }

        public int LatencySamples => _chain?.LatencySamples ?? 0;

        public void Process(Span<float> left, Span<float> right)
        {
            if (_chain is not null)
            {
                if (_channels == 2)
                {
                    _chain.Process(left, right);
                }
                else
                {
                    _chain.Process(left);
                }

                return;
            }

            _rawLeft!.Process(left);
            _rawRight?.Process(right);
        }
    }
}
