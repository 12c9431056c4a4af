using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Audio;

/// <summary>
/// The few PortAudio v19 entry points the pedal uses, bound to the system's <c>libportaudio.so.2</c>
/// (Debian package <c>libportaudio2</c>). C <c>unsigned long</c> is <see cref="CULong"/> (32-bit on 32-bit Pi OS).
/// </summary>
internal static unsafe partial class PortAudioNative
{
    /// <summary>The shared library's soname.</summary>
    public const string Library = "libportaudio.so.2";

    /// <summary>paFloat32 (PaSampleFormat).</summary>
    public const uint PaFloat32 = 0x00000001;
    /// <summary>paClipOff (PaStreamFlags): the chain's output is already bounded.</summary>
    public const uint PaClipOff = 0x00000001;
    /// <summary>paDitherOff (PaStreamFlags).</summary>
    public const uint PaDitherOff = 0x00000002;
    /// <summary>paNoDevice.</summary>
    public const int PaNoDevice = -1;
    /// <summary>paContinue (PaStreamCallbackResult).</summary>
    public const int PaContinue = 0;
    /// <summary>paHostApiNotFound.</summary>
    public const int PaHostApiNotFound = -9979;

    [LibraryImport(Library, EntryPoint = "Pa_Initialize")]
    public static partial int Initialize();

    [LibraryImport(Library, EntryPoint = "Pa_Terminate")]
    public static partial int Terminate();

    [LibraryImport(Library, EntryPoint = "Pa_GetVersionText")]
    public static partial nint GetVersionText();

    [LibraryImport(Library, EntryPoint = "Pa_GetErrorText")]
    public static partial nint GetErrorText(int error);

    [LibraryImport(Library, EntryPoint = "Pa_GetHostApiCount")]
    public static partial int GetHostApiCount();

    [LibraryImport(Library, EntryPoint = "Pa_GetHostApiInfo")]
    public static partial PaHostApiInfo* GetHostApiInfo(int hostApi);

    [LibraryImport(Library, EntryPoint = "Pa_GetDeviceCount")]
    public static partial int GetDeviceCount();

    [LibraryImport(Library, EntryPoint = "Pa_GetDeviceInfo")]
    public static partial PaDeviceInfo* GetDeviceInfo(int device);

    [LibraryImport(Library, EntryPoint = "Pa_GetDefaultInputDevice")]
    public static partial int GetDefaultInputDevice();

    [LibraryImport(Library, EntryPoint = "Pa_GetDefaultOutputDevice")]
    public static partial int GetDefaultOutputDevice();

    [LibraryImport(Library, EntryPoint = "Pa_OpenStream")]
    public static partial int OpenStream(
        nint* stream,
        PaStreamParameters* inputParameters,
        PaStreamParameters* outputParameters,
        double sampleRate,
        CULong framesPerBuffer,
        CULong streamFlags,
        delegate* unmanaged[Cdecl]<void*, void*, CULong, PaStreamCallbackTimeInfo*, CULong, void*, int> streamCallback,
        void* userData);

    [LibraryImport(Library, EntryPoint = "Pa_StartStream")]
    public static partial int StartStream(nint stream);

    [LibraryImport(Library, EntryPoint = "Pa_StopStream")]
    public static partial int StopStream(nint stream);

    [LibraryImport(Library, EntryPoint = "Pa_AbortStream")]
    public static partial int AbortStream(nint stream);

    [LibraryImport(Library, EntryPoint = "Pa_CloseStream")]
    public static partial int CloseStream(nint stream);

    [LibraryImport(Library, EntryPoint = "Pa_IsStreamActive")]
    public static partial int IsStreamActive(nint stream);

    [LibraryImport(Library, EntryPoint = "Pa_GetStreamInfo")]
    public static partial PaStreamInfo* GetStreamInfo(nint stream);

    [LibraryImport(Library, EntryPoint = "Pa_GetStreamCpuLoad")]
    public static partial double GetStreamCpuLoad(nint stream);

    [LibraryImport(Library, EntryPoint = "PaJack_SetClientName")]
    public static partial int JackSetClientName(byte* name);

    [LibraryImport(Library, EntryPoint = "PaAlsa_EnableRealtimeScheduling")]
    public static partial void AlsaEnableRealtimeScheduling(nint stream, int enable);

    /// <summary>The error text of a PortAudio error code.</summary>
    public static string ErrorText(int error) => Marshal.PtrToStringUTF8(GetErrorText(error)) ?? $"PortAudio error {error}";
}
