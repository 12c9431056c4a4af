using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Audio;

/// <summary>PortAudio's <c>PaStreamInfo</c>: the latencies and rate of an open stream.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PaStreamInfo
{
    public int StructVersion;
    public double InputLatency;
    public double OutputLatency;
    public double SampleRate;
}
