using GruPedalPi.Firmware.Engine;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Opens the stream the options ask for, on the engine: the paced stand-in (no device, a thread that keeps time) or
/// a PortAudio stream on a freshly initialised host (so that a JACK server started since the last try is seen). The
/// caller owns both and disposes the stream before the host.
/// </summary>
internal static class AudioStreamOpener
{
    /// <summary>Opens (does not start) the stream.</summary>
    /// <exception cref="PortAudioException">The device is missing, busy or refuses the format.</exception>
    public static (PortAudioHost? Host, IAudioStream Stream) Open(PedalServiceOptions options, AudioEngine engine)
    {
        var routing = engine.Routing;
        if (options.Backend == AudioBackend.Paced)
        {
            return (null, new PacedAudioStream(engine, options.SampleRateHz, options.FramesPerBuffer,
                routing.DeviceInputChannels, routing.DeviceOutputChannels));
        }

        var host = new PortAudioHost(jackDiagnostics: JackRequested(options));
        try
        {
            var stream = host.OpenStream(new AudioStreamRequest
            {
                DeviceName = options.DeviceName,
                HostApi = options.HostApi,
                SuggestedLatencyS = options.SuggestedLatencyMs / 1000.0,
                SampleRateHz = options.SampleRateHz,
                FramesPerBuffer = options.FramesPerBuffer,
                InputChannels = routing.DeviceInputChannels,
                OutputChannels = routing.DeviceOutputChannels,
            }, engine);
            return (host, stream);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>True when JACK was asked for (audio.hostApi "JACK", or JACK_DEFAULT_SERVER in the environment): only
    /// then does libjack say why it cannot reach a server.</summary>
    public static bool JackRequested(PedalServiceOptions options) =>
        string.Equals(options.HostApi, "JACK", StringComparison.OrdinalIgnoreCase)
        || PortAudioHost.JackServerNamed;
}
