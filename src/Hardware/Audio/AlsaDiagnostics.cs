using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Audio;

/// <summary>
/// Quietens libasound's own error printing: when PortAudio probes ALSA on a machine without the PCMs of the default
/// configuration, alsa-lib prints dozens of "Unknown PCM" lines to stderr on every initialisation. PortAudio still
/// reports real failures through its error codes, which the pedal logs.
/// </summary>
internal static unsafe partial class AlsaDiagnostics
{
    private static int s_installed;

    [LibraryImport("libasound.so.2", EntryPoint = "snd_lib_error_set_handler")]
    private static partial int SetErrorHandler(delegate* unmanaged[Cdecl]<byte*, int, byte*, int, byte*, void> handler);

    /// <summary>Installs the silent handler once; does nothing when libasound is missing.</summary>
    public static void Silence()
    {
        if (Interlocked.Exchange(ref s_installed, 1) != 0)
        {
            return;
        }

        try
        {
            SetErrorHandler(&Ignore);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    // alsa-lib's handler is variadic (file, line, function, err, fmt, ...): this one reads only the fixed arguments,
    // which the x86-64 and AArch64 calling conventions pass the same way for a variadic call.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Ignore(byte* file, int line, byte* function, int error, byte* format)
    {
    }
}
