using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Latency;

/// <summary>
/// The audio callback of <c>gru-pedal latency</c>: plays a prepared signal on one output channel (silence on the
/// others) and records one input channel, sample for sample, until both buffers are used up. Preallocated,
/// allocation- and lock-free; <see cref="Done"/> is read by the waiting thread.
/// </summary>
public sealed class LatencyProbe : IAudioCallback
{
    private readonly float[] _play;
    private readonly float[] _record;
    private readonly int _inputChannel;
    private readonly int _outputChannel;
    private int _position;
    private volatile bool _done;

    /// <summary>Creates the probe: <paramref name="play"/> goes out on <paramref name="outputChannel"/>, as many samples
    /// are recorded from <paramref name="inputChannel"/>.</summary>
    public LatencyProbe(float[] play, int inputChannel, int outputChannel)
    {
        _play = play;
        _record = new float[play.Length];
        _inputChannel = inputChannel;
        _outputChannel = outputChannel;
    }

    /// <summary>True once the whole signal has been played and recorded.</summary>
    public bool Done => _done;

    /// <summary>The recording (complete once <see cref="Done"/>).</summary>
    public ReadOnlySpan<float> Recording => _record;

    /// <inheritdoc />
    public void Process(in AudioBlock block)
    {
        block.Output.Clear();
        int pos = _position;
        for (int f = 0; f < block.Frames && pos < _play.Length; f++, pos++)
        {
            block.Output[(f * block.OutputChannels) + _outputChannel] = _play[pos];
            _record[pos] = block.Input[(f * block.InputChannels) + _inputChannel];
        }

        _position = pos;
        if (pos >= _play.Length)
        {
            _done = true;
        }
    }
}
