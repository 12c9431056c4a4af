namespace GruPedalPi.Hardware.Audio;

/// <summary>
/// One buffer of a full-duplex stream, as the audio thread sees it. Input and output are interleaved float32
/// (frame-major: sample <c>f * channels + c</c>). Valid only during the callback.
/// </summary>
public readonly ref struct AudioBlock
{
    /// <summary>Creates a block.</summary>
    public AudioBlock(ReadOnlySpan<float> input, Span<float> output, int frames, int inputChannels, int outputChannels,
        AudioStatusFlags status, double currentTimeS, double outputDacTimeS)
    {
        Input = input;
        Output = output;
        Frames = frames;
        InputChannels = inputChannels;
        OutputChannels = outputChannels;
        Status = status;
        CurrentTimeS = currentTimeS;
        OutputDacTimeS = outputDacTimeS;
    }

    /// <summary>Interleaved input, <see cref="Frames"/> x <see cref="InputChannels"/> samples (zeros when the device gave none).</summary>
    public ReadOnlySpan<float> Input { get; }

    /// <summary>Interleaved output to fill, <see cref="Frames"/> x <see cref="OutputChannels"/> samples.</summary>
    public Span<float> Output { get; }

    /// <summary>Frames in this buffer (the stream's frames per buffer).</summary>
    public int Frames { get; }

    /// <summary>Input channels opened, 1..32.</summary>
    public int InputChannels { get; }

    /// <summary>Output channels opened, 1..32.</summary>
    public int OutputChannels { get; }

    /// <summary>The stream's status flags for this buffer (xruns).</summary>
    public AudioStatusFlags Status { get; }

    /// <summary>The stream clock when the callback was called, in seconds (0 when the host API gives none).</summary>
    public double CurrentTimeS { get; }

    /// <summary>The stream clock when the first output sample reaches the converter, in seconds (0 when unknown).</summary>
    public double OutputDacTimeS { get; }
}
