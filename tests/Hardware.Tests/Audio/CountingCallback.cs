using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Hardware.Tests.Audio;

/// <summary>A callback that copies input channel 0 to every output, remembers what it saw, and signals after a count.</summary>
internal sealed class CountingCallback : IAudioCallback
{
    private readonly int _signalAfter;
    private long _count;

    public CountingCallback(int signalAfter) => _signalAfter = signalAfter;

    public ManualResetEventSlim Reached { get; } = new(false);
    public long Count => Volatile.Read(ref _count);
    public int LastFrames;
    public int LastInputChannels;
    public int LastOutputChannels;
    public int LastOutputLength;
    public bool Throw;

    public void Process(in AudioBlock block)
    {
        LastFrames = block.Frames;
        LastInputChannels = block.InputChannels;
        LastOutputChannels = block.OutputChannels;
        LastOutputLength = block.Output.Length;
        for (int f = 0; f < block.Frames; f++)
        {
            for (int c = 0; c < block.OutputChannels; c++)
            {
                block.Output[f * block.OutputChannels + c] = block.Input[f * block.InputChannels];
            }
        }

        if (Interlocked.Increment(ref _count) == _signalAfter)
        {
            Reached.Set();
        }

        if (Throw)
        {
            throw new InvalidOperationException("test fault");
        }
    }
}
