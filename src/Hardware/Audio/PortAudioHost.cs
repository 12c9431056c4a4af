using System.Runtime.InteropServices;
using System.Text;

namespace GruPedalPi.Hardware.Audio;

/// <summary>
/// An initialised PortAudio library: lists host APIs and devices and opens streams. PortAudio only sees
/// devices (and JACK servers) that exist when it is initialised: dispose and create a new host to rescan.
/// Not thread-safe; use from one control thread.
/// </summary>
public sealed unsafe class PortAudioHost : IDisposable
{
    private static readonly object s_initLock = new();
    private bool _disposed;

    /// <summary>True when the environment names a JACK server (<c>JACK_DEFAULT_SERVER</c>): the one rule, besides a
    /// configuration asking for the JACK host API, under which libjack's own messages are worth showing.</summary>
    public static bool JackServerNamed => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JACK_DEFAULT_SERVER"));

    /// <summary>Initialises PortAudio. <paramref name="jackClientName"/> names the JACK client (1..32 ASCII characters).</summary>
    /// <param name="jackClientName">The JACK client's name, 1..32 ASCII characters.</param>
    /// <param name="jackDiagnostics">True to let libjack print why it cannot reach a server (when JACK was asked for);
    /// false to keep its probe quiet (see <see cref="JackDiagnostics"/>).</param>
    /// <exception cref="PortAudioException">The library could not be initialised.</exception>
    /// <exception cref="DllNotFoundException">libportaudio.so.2 is not installed (Debian package libportaudio2).</exception>
    public PortAudioHost(string jackClientName = "gru-pedal", bool jackDiagnostics = true)
    {
        lock (s_initLock)
        {
            var name = Encoding.ASCII.GetBytes(jackClientName + "\0");
            // PortAudio keeps the pointer: pin it for the life of the process (one small array per name).
            var handle = GCHandle.Alloc(name, GCHandleType.Pinned);
            PortAudioNative.JackSetClientName((byte*)handle.AddrOfPinnedObject());
            AlsaDiagnostics.Silence();
            if (!jackDiagnostics)
            {
                JackDiagnostics.Silence();
            }

            int err = PortAudioNative.Initialize();
            if (err != 0)
            {
                throw new PortAudioException($"PortAudio could not be initialised: {PortAudioNative.ErrorText(err)}", err);
            }
        }

        VersionText = Marshal.PtrToStringUTF8(PortAudioNative.GetVersionText()) ?? "";
        HostApis = ReadHostApis();
        Devices = ReadDevices(HostApis);
    }

    /// <summary>PortAudio's version text.</summary>
    public string VersionText { get; }

    /// <summary>Host API names by index.</summary>
    public IReadOnlyList<string> HostApis { get; }

    /// <summary>Every device PortAudio saw when it was initialised.</summary>
    public IReadOnlyList<AudioDeviceInfo> Devices { get; }

    /// <summary>
    /// Finds a device by name: an exact match first, then a unique case-insensitive part of the name, among the
    /// devices with enough input and output channels. Null or "default" means PortAudio's default output device.
    /// </summary>
    /// <param name="name">The device's name or a unique part of it; null or "default" for the default device.</param>
    /// <param name="inputChannels">Input channels the device must have, 0..32.</param>
    /// <param name="outputChannels">Output channels the device must have, 0..32.</param>
    /// <param name="hostApi">Only devices of this host API ("ALSA", "JACK", case-insensitive), or null for any.</param>
    /// <exception cref="PortAudioException">No device, or more than one, matches; the message lists the candidates.</exception>
    public AudioDeviceInfo FindDevice(string? name, int inputChannels, int outputChannels, string? hostApi = null)
    {
        var devices = hostApi is null
            ? Devices
            : Devices.Where(d => string.Equals(d.HostApi, hostApi, StringComparison.OrdinalIgnoreCase)).ToList();
        if (devices.Count == 0 && hostApi is not null)
        {
            throw new PortAudioException($"no {hostApi} audio device (PortAudio sees {Describe(Devices)}; audio.hostApi asks for {hostApi})");
        }

        bool Fits(AudioDeviceInfo d) => d.MaxInputChannels >= inputChannels && d.MaxOutputChannels >= outputChannels;
        if (string.IsNullOrWhiteSpace(name) || string.Equals(name, "default", StringComparison.OrdinalIgnoreCase))
        {
            int index = PortAudioNative.GetDefaultOutputDevice();
            var d = devices.FirstOrDefault(x => x.Index == index && Fits(x)) ?? devices.FirstOrDefault(Fits);
            return d ?? throw new PortAudioException(
                $"no default audio device with {inputChannels} input and {outputChannels} output channels " +
                $"(PortAudio sees {Describe(devices)})");
        }

        var exact = devices.Where(d => d.Name == name && Fits(d)).ToList();
        if (exact.Count >= 1)
        {
            return exact[0];
        }

        var partial = devices.Where(d => d.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var fitting = partial.Where(Fits).ToList();
        if (fitting.Count == 1)
        {
            return fitting[0];
        }

        if (fitting.Count > 1)
        {
            throw new PortAudioException($"audio device \"{name}\" is ambiguous: it matches {Describe(fitting)}; give more of the name");
        }

        if (partial.Count > 0)
        {
            throw new PortAudioException(
                $"audio device \"{name}\" ({Describe(partial)}) lacks {inputChannels} input and {outputChannels} output channels");
        }

        throw new PortAudioException($"audio device \"{name}\" not found (PortAudio sees {Describe(devices)})");
    }

    /// <summary>Opens a full-duplex float32 stream on the named device; the callback runs once started.</summary>
    /// <exception cref="PortAudioException">The device is missing or refuses the format, rate or buffer size.</exception>
    public PortAudioStream OpenStream(AudioStreamRequest request, IAudioCallback callback)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var device = FindDevice(request.DeviceName, request.InputChannels, request.OutputChannels, request.HostApi);
        return new PortAudioStream(device, request, callback);
    }

    /// <summary>Terminates PortAudio (closing any stream still open).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (s_initLock)
        {
            PortAudioNative.Terminate();
        }
    }

    private static string Describe(IReadOnlyList<AudioDeviceInfo> devices) => devices.Count == 0
        ? "no device"
        : string.Join(", ", devices.Select(d => $"\"{d.Name}\" [{d.HostApi}, {d.MaxInputChannels} in/{d.MaxOutputChannels} out]"));

    private static List<string> ReadHostApis()
    {
        int count = PortAudioNative.GetHostApiCount();
        var list = new List<string>(Math.Max(count, 0));
        for (int i = 0; i < count; i++)
        {
            var info = PortAudioNative.GetHostApiInfo(i);
            list.Add(info == null ? $"host API {i}" : Marshal.PtrToStringUTF8(info->Name) ?? $"host API {i}");
        }

        return list;
    }

    private static List<AudioDeviceInfo> ReadDevices(IReadOnlyList<string> hostApis)
    {
        int count = PortAudioNative.GetDeviceCount();
        var list = new List<AudioDeviceInfo>(Math.Max(count, 0));
        for (int i = 0; i < count; i++)
        {
            var info = PortAudioNative.GetDeviceInfo(i);
            if (info == null)
            {
                continue;
            }

            string api = info->HostApi >= 0 && info->HostApi < hostApis.Count ? hostApis[info->HostApi] : "?";
            list.Add(new AudioDeviceInfo(i, Marshal.PtrToStringUTF8(info->Name) ?? $"device {i}", api,
                info->MaxInputChannels, info->MaxOutputChannels, info->DefaultSampleRate,
                info->DefaultLowInputLatency, info->DefaultLowOutputLatency));
        }

        return list;
    }
}
