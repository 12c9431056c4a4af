using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Audio;

/// <summary>PortAudio's <c>PaHostApiInfo</c> (portaudio.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PaHostApiInfo
{
    public int StructVersion;
    /// <summary>PaHostApiTypeId (a C enum: int).</summary>
    public int Type;
    /// <summary>UTF-8 name (const char*).</summary>
    public nint Name;
    public int DeviceCount;
    public int DefaultInputDevice;
    public int DefaultOutputDevice;
}
