namespace GruPedalPi.Hardware.Audio;

/// <summary>
/// What the audio thread calls once per buffer. Implementations run in real time: no allocation, lock,
/// logging, I/O, exception or blocking call in <see cref="Process"/> or anything it reaches.
/// </summary>
public interface IAudioCallback
{
    /// <summary>Fills <see cref="AudioBlock.Output"/> from <see cref="AudioBlock.Input"/>. Called on the audio thread.</summary>
    void Process(in AudioBlock block);
}
