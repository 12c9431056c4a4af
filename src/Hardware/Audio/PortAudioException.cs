namespace GruPedalPi.Hardware.Audio;

/// <summary>A PortAudio call failed, or a device could not be found; the message names the device and the call.</summary>
public sealed class PortAudioException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PortAudioException(string message, int errorCode = 0)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>PortAudio's error code (PaErrorCode), 0 when the error is not PortAudio's.</summary>
    public int ErrorCode { get; }
}
