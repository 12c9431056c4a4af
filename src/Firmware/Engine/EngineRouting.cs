namespace GruPedalPi.Firmware.Engine;

/// <summary>How the engine maps the device's channels to the chain and back.</summary>
public sealed record EngineRouting
{
    /// <summary>The device input channel the guitar is on, 0-based (0..31). In stereo, this channel and the next.</summary>
    public int InputChannel { get; init; }

    /// <summary>The device output channels that get the pedal's output, 0-based (each 0..31). Mono goes to all of them;
    /// in stereo, even positions in this list get the left channel and odd ones the right. Default: both of a pair.</summary>
    public IReadOnlyList<int> OutputChannels { get; init; } = [0, 1];

    /// <summary>True for two independent units (stereo in, stereo out); false for mono (the default).</summary>
    public bool Stereo { get; init; }

    /// <summary>Input channels to open on the device.</summary>
    public int DeviceInputChannels => InputChannel + (Stereo ? 2 : 1);

    /// <summary>Output channels to open on the device.</summary>
    public int DeviceOutputChannels => OutputChannels.Count == 0 ? 1 : OutputChannels.Max() + 1;

    /// <summary>Checks the ranges; the message names the setting.</summary>
    public void Validate()
    {
        if (InputChannel is < 0 or > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(InputChannel), InputChannel, "audio.inputChannel must be 0..31");
        }

        if (OutputChannels.Count == 0 || OutputChannels.Any(c => c is < 0 or > 31))
        {
            throw new ArgumentOutOfRangeException(nameof(OutputChannels), string.Join(",", OutputChannels),
                "audio.outputChannels must list one or more channels, each 0..31");
        }
    }
}
