using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Audio;

/// <summary>PortAudio's <c>PaStreamParameters</c> (portaudio.h), blittable.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PaStreamParameters
{
    /// <summary>Device index (PaDeviceIndex).</summary>
    public int Device;
    /// <summary>Number of interleaved channels.</summary>
    public int ChannelCount;
    /// <summary>PaSampleFormat (C unsigned long).</summary>
    public CULong SampleFormat;
    /// <summary>Suggested latency in seconds (PaTime).</summary>
    public double SuggestedLatency;
    /// <summary>Host-API-specific stream info, null here.</summary>
    public nint HostApiSpecificStreamInfo;
}
