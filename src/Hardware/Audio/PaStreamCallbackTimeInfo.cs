using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Audio;

/// <summary>PortAudio's <c>PaStreamCallbackTimeInfo</c>: stream-clock times in seconds (PaTime).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PaStreamCallbackTimeInfo
{
    public double InputBufferAdcTime;
    public double CurrentTime;
    public double OutputBufferDacTime;
}
