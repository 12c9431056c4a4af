namespace GruPedalPi.Firmware.LiveView;

/// <summary>One meter of a <see cref="MonitorFrame"/>, as the service published it.</summary>
/// <param name="PeakDbfs">The last window's peak, -120..about +12 dBFS.</param>
/// <param name="RmsDbfs">The last window's RMS, -120..about +12 dBFS.</param>
/// <param name="Clips">Clipped samples since the stream started (it grows when the signal clips).</param>
/// <param name="Windows">Meter windows published since the stream started (it stands still when the audio stops).</param>
public sealed record MeterFrame(double PeakDbfs, double RmsDbfs, long Clips, long Windows);
