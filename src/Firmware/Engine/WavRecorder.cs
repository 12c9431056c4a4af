namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// Records what the engine plays (<c>--record</c>): the audio thread writes into a preallocated
/// <see cref="RecorderRing"/>, and this recorder's own (non-real-time) thread drains it into a float32 WAV file
/// every 20 ms. The first <c>skipFrames</c> frames (the chain's latency) are left out, as <c>render</c> does, so
/// the file lines up with an offline render of the same input.
/// </summary>
public sealed class WavRecorder : IDisposable
{
    private readonly RecorderRing _ring;
    private readonly WavFloatWriter _writer;
    private readonly float[] _chunk;
    private readonly int _channels;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private long _skipSamples;

    /// <summary>Creates the file and starts the writer thread. channels 1..2; ringSeconds 0.5..60.</summary>
    public WavRecorder(string path, int sampleRateHz, int channels, int skipFrames, double ringSeconds = 4)
    {
        _channels = channels;
        _ring = new RecorderRing((int)(sampleRateHz * channels * ringSeconds));
        _ring.Warm();
        _writer = new WavFloatWriter(path, sampleRateHz, channels);
        _chunk = new float[8192 * channels];
        _skipSamples = (long)skipFrames * channels;
        Path = path;
        _thread = new Thread(Run) { IsBackground = true, Name = "recorder" };
        _thread.Start();
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Channels per frame.</summary>
    public int Channels => _channels;

    /// <summary>The ring the audio thread writes into.</summary>
    public RecorderRing Ring => _ring;

    /// <summary>Frames written to the file so far.</summary>
    public long FramesWritten => Volatile.Read(ref _framesWritten);

    private long _framesWritten;

    /// <summary>Drains what is left, writes the header and closes the file.</summary>
    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        Drain();
        _writer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.Wait(20))
        {
            Drain();
        }
    }

    private void Drain()
    {
        int n;
        while ((n = _ring.Read(_chunk)) > 0)
        {
            var span = _chunk.AsSpan(0, n);
            if (_skipSamples > 0)
            {
                int skip = (int)Math.Min(_skipSamples, n);
                _skipSamples -= skip;
                span = span.Slice(skip);
            }

            if (!span.IsEmpty)
            {
                _writer.Write(span);
                Volatile.Write(ref _framesWritten, _writer.Frames);
            }
        }
    }
}
