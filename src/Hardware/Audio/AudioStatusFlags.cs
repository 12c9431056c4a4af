namespace GruPedalPi.Hardware.Audio;

/// <summary>The stream's status flags for one callback (PortAudio's PaStreamCallbackFlags).</summary>
[Flags]
public enum AudioStatusFlags
{
    /// <summary>No problem.</summary>
    None = 0,
    /// <summary>Input data was missing (zeros were given).</summary>
    InputUnderflow = 0x1,
    /// <summary>Input data was discarded before this callback.</summary>
    InputOverflow = 0x2,
    /// <summary>Output data was missing: a gap was inserted (a dropout).</summary>
    OutputUnderflow = 0x4,
    /// <summary>Output data will be discarded.</summary>
    OutputOverflow = 0x8,
    /// <summary>Priming the output buffers; input is zero.</summary>
    PrimingOutput = 0x10,
}
