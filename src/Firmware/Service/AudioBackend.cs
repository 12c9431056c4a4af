namespace GruPedalPi.Firmware.Service;

/// <summary>What drives the engine's callback.</summary>
public enum AudioBackend
{
    /// <summary>A real device through PortAudio (ALSA or JACK).</summary>
    PortAudio = 0,
    /// <summary>The paced file backend: a timer-paced fake stream, for machines without an audio device.</summary>
    Paced = 1,
}
