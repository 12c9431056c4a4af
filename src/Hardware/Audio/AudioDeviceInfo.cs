namespace GruPedalPi.Hardware.Audio;

/// <summary>One audio device as PortAudio lists it.</summary>
/// <param name="Index">PortAudio's device index (valid until PortAudio is re-initialised).</param>
/// <param name="Name">The device's name, used in the configuration's <c>audio.device</c>.</param>
/// <param name="HostApi">The host API's name ("ALSA", "JACK Audio Connection Kit").</param>
/// <param name="MaxInputChannels">Input channels, 0 for an output-only device.</param>
/// <param name="MaxOutputChannels">Output channels, 0 for an input-only device.</param>
/// <param name="DefaultSampleRateHz">The device's default sample rate in Hz.</param>
/// <param name="DefaultLowInputLatencyS">PortAudio's low input latency for the device, in seconds.</param>
/// <param name="DefaultLowOutputLatencyS">PortAudio's low output latency for the device, in seconds.</param>
public sealed record AudioDeviceInfo(
    int Index,
    string Name,
    string HostApi,
    int MaxInputChannels,
    int MaxOutputChannels,
    double DefaultSampleRateHz,
    double DefaultLowInputLatencyS,
    double DefaultLowOutputLatencyS);
