using System.Diagnostics;

namespace GruPedalPi.Hardware.Audio;

/// <summary>
/// A fake full-duplex stream paced by a timer: a dedicated thread calls the same <see cref="IAudioCallback"/> at
/// the real-time rate of <see cref="FramesPerBuffer"/> frames per period, with silent input, and discards the output.
/// For running the pedal where there is no audio device (the demo's file backend); not for latency figures.
/// </summary>
public sealed class PacedAudioStream : IAudioStream
{
    private readonly IAudioCallback _callback;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly ManualResetEventSlim _stop = new(false);
    private Thread? _thread;
    private volatile bool _active;

    /// <summary>Creates the stream. sampleRateHz 8000..192000, framesPerBuffer 16..4096, channels 1..32.</summary>
    public PacedAudioStream(IAudioCallback callback, double sampleRateHz, int framesPerBuffer, int inputChannels, int outputChannels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 8000);
        ArgumentOutOfRangeException.ThrowIfLessThan(framesPerBuffer, 16);
        _callback = callback;
        SampleRateHz = sampleRateHz;
        FramesPerBuffer = framesPerBuffer;
        InputChannels = inputChannels;
        OutputChannels = outputChannels;
        _input = new float[framesPerBuffer * inputChannels];
        _output = new float[framesPerBuffer * outputChannels];
    }

    /// <inheritdoc />
    public string DeviceName => "paced";

    /// <inheritdoc />
    public string HostApi => "paced file backend";

    /// <inheritdoc />
    public double SampleRateHz { get; }

    /// <inheritdoc />
    public int FramesPerBuffer { get; }

    /// <inheritdoc />
    public int InputChannels { get; }

    /// <inheritdoc />
    public int OutputChannels { get; }

    /// <inheritdoc />
    public double InputLatencyS => 0;

    /// <inheritdoc />
    public double OutputLatencyS => FramesPerBuffer / SampleRateHz;

    /// <inheritdoc />
    public bool IsActive => _active;

    /// <inheritdoc />
    public long CallbackFaults { get; private set; }

    /// <inheritdoc />
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        _stop.Reset();
        _active = true;
        _thread = new Thread(Run) { IsBackground = true, Name = "paced audio" };
        _thread.Start();
    }

    /// <inheritdoc />
    public void Stop()
    {
        _stop.Set();
        _thread?.Join();
        _thread = null;
        _active = false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void Run()
    {
        long periodTicks = (long)(FramesPerBuffer / SampleRateHz * Stopwatch.Frequency);
        long next = Stopwatch.GetTimestamp();
        while (!_stop.IsSet)
        {
            long now = Stopwatch.GetTimestamp();
            while (next <= now && !_stop.IsSet)
            {
                try
                {
                    var block = new AudioBlock(_input, _output, FramesPerBuffer, InputChannels, OutputChannels,
                        AudioStatusFlags.None, 0, 0);
                    _callback.Process(in block);
                }
                catch
                {
                    CallbackFaults++;
                }

                next += periodTicks;
            }

            long waitMs = (next - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
            _stop.Wait((int)Math.Clamp(waitMs, 1, 100));
        }
    }
}
