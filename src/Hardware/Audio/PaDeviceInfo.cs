using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Audio;

/// <summary>PortAudio's <c>PaDeviceInfo</c> (portaudio.h), read through a pointer PortAudio owns.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PaDeviceInfo
{
    public int StructVersion;
    /// <summary>UTF-8 name (const char*).</summary>
    public nint Name;
    public int HostApi;
    public int MaxInputChannels;
    public int MaxOutputChannels;
    public double DefaultLowInputLatency;
    public double DefaultLowOutputLatency;
    public double DefaultHighInputLatency;
    public double DefaultHighOutputLatency;
    public double DefaultSampleRate;
}
