using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Audio;

/// <summary>
/// Quietens libjack's own messages. PortAudio 19.6 initialises every host API it was built with, so on a machine
/// without a JACK server its JACK probe makes libjack print five lines ("Cannot connect to server socket",
/// "jack server is not running or cannot be started", ...) to stderr at every start. When the pedal was not asked
/// for JACK those lines say nothing useful; the probe itself (one failed connect on a Unix socket) stays, since
/// PortAudio offers no way to leave a host API out.
/// </summary>
internal static unsafe partial class JackDiagnostics
{
    private static int s_installed;

    [LibraryImport("libjack.so.0", EntryPoint = "jack_set_error_function")]
    private static partial void SetErrorFunction(delegate* unmanaged[Cdecl]<byte*, void> function);

    [LibraryImport("libjack.so.0", EntryPoint = "jack_set_info_function")]
    private static partial void SetInfoFunction(delegate* unmanaged[Cdecl]<byte*, void> function);

    /// <summary>Installs silent error and info handlers once; does nothing when libjack is missing.</summary>
    public static void Silence()
    {
        if (Interlocked.Exchange(ref s_installed, 1) != 0)
        {
            return;
        }

        try
        {
            SetErrorFunction(&Ignore);
            SetInfoFunction(&Ignore);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Ignore(byte* message)
    {
    }
}
