using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Midi;

/// <summary>
/// The few ALSA sequencer entry points the pedal's MIDI input uses, bound to the system's <c>libasound.so.2</c>
/// (Debian package <c>libasound2</c>), and <c>poll</c> from libc. Event layout: <c>snd_seq_event_t</c> is 28 bytes
/// (type, flags, tag, queue, 8 bytes of time, source and destination addresses, 12 bytes of data).
/// </summary>
internal static unsafe partial class AlsaSequencerNative
{
    /// <summary>The shared library's soname.</summary>
    public const string Library = "libasound.so.2";

    public const int OpenInput = 2;            // SND_SEQ_OPEN_INPUT
    public const int NonBlock = 1;             // SND_SEQ_NONBLOCK
    public const uint CapRead = 1 << 0;        // SND_SEQ_PORT_CAP_READ
    public const uint CapWrite = 1 << 1;       // SND_SEQ_PORT_CAP_WRITE
    public const uint CapSubsRead = 1 << 5;    // SND_SEQ_PORT_CAP_SUBS_READ
    public const uint CapSubsWrite = 1 << 6;   // SND_SEQ_PORT_CAP_SUBS_WRITE
    public const uint CapNoExport = 1 << 7;    // SND_SEQ_PORT_CAP_NO_EXPORT
    public const uint TypeMidiGeneric = 1 << 1;   // SND_SEQ_PORT_TYPE_MIDI_GENERIC
    public const uint TypeApplication = 1 << 20;  // SND_SEQ_PORT_TYPE_APPLICATION
    public const int SystemClient = 0;         // SND_SEQ_CLIENT_SYSTEM
    public const int AnnouncePort = 1;         // SND_SEQ_PORT_SYSTEM_ANNOUNCE
    public const short PollIn = 1;             // POLLIN
    public const int EventSize = 28;

    [LibraryImport(Library, EntryPoint = "snd_seq_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(out nint handle, string name, int streams, int mode);

    [LibraryImport(Library, EntryPoint = "snd_seq_close")]
    public static partial int Close(nint handle);

    [LibraryImport(Library, EntryPoint = "snd_seq_set_client_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetClientName(nint handle, string name);

    [LibraryImport(Library, EntryPoint = "snd_seq_client_id")]
    public static partial int ClientId(nint handle);

    [LibraryImport(Library, EntryPoint = "snd_seq_create_simple_port", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CreateSimplePort(nint handle, string name, uint caps, uint type);

    [LibraryImport(Library, EntryPoint = "snd_seq_connect_from")]
    public static partial int ConnectFrom(nint handle, int myPort, int sourceClient, int sourcePort);

    [LibraryImport(Library, EntryPoint = "snd_seq_event_input")]
    public static partial int EventInput(nint handle, out byte* ev);

    [LibraryImport(Library, EntryPoint = "snd_seq_poll_descriptors_count")]
    public static partial int PollDescriptorsCount(nint handle, short events);

    [LibraryImport(Library, EntryPoint = "snd_seq_poll_descriptors")]
    public static partial int PollDescriptors(nint handle, PollFd* fds, uint space, short events);

    [LibraryImport(Library, EntryPoint = "snd_seq_client_info_malloc")]
    public static partial int ClientInfoMalloc(out nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_client_info_free")]
    public static partial void ClientInfoFree(nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_client_info_set_client")]
    public static partial void ClientInfoSetClient(nint info, int client);

    [LibraryImport(Library, EntryPoint = "snd_seq_client_info_get_client")]
    public static partial int ClientInfoGetClient(nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_client_info_get_name")]
    public static partial nint ClientInfoGetName(nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_query_next_client")]
    public static partial int QueryNextClient(nint handle, nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_get_any_client_info")]
    public static partial int GetAnyClientInfo(nint handle, int client, nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_port_info_malloc")]
    public static partial int PortInfoMalloc(out nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_port_info_free")]
    public static partial void PortInfoFree(nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_port_info_set_client")]
    public static partial void PortInfoSetClient(nint info, int client);

    [LibraryImport(Library, EntryPoint = "snd_seq_port_info_set_port")]
    public static partial void PortInfoSetPort(nint info, int port);

    [LibraryImport(Library, EntryPoint = "snd_seq_port_info_get_port")]
    public static partial int PortInfoGetPort(nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_port_info_get_capability")]
    public static partial uint PortInfoGetCapability(nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_port_info_get_name")]
    public static partial nint PortInfoGetName(nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_query_next_port")]
    public static partial int QueryNextPort(nint handle, nint info);

    [LibraryImport(Library, EntryPoint = "snd_seq_get_any_port_info")]
    public static partial int GetAnyPortInfo(nint handle, int client, int port, nint info);

    [LibraryImport(Library, EntryPoint = "snd_strerror")]
    public static partial nint StrError(int error);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, CULong count, int timeoutMs);

    /// <summary>The error text of an ALSA error code.</summary>
    public static string ErrorText(int error) => Marshal.PtrToStringUTF8(StrError(error)) ?? $"error {error}";

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }
}
