using System.Runtime.InteropServices;

namespace GruPedalPi.Hardware.Midi;

/// <summary>
/// MIDI in through the ALSA sequencer: one client named after <c>clientName</c> with one writable input port
/// (<c>gru-pedal</c>), subscribed to every readable source that exists at <see cref="Open"/> and to every one the
/// sequencer announces later (its announce port), so a controller plugged in mid-gig works without a restart.
/// A thin layer: events are decoded by <see cref="AlsaSequencerEvents"/> and handed to an <see cref="IMidiSink"/>
/// on the input's own thread; announcements go to <see cref="SourceChanged"/> (off the steady path: a source
/// appearing or leaving is rare and may allocate its log line). The event loop itself allocates nothing.
/// </summary>
public sealed unsafe class AlsaSequencerInput : IDisposable
{
    private readonly nint _seq;
    private readonly int _port;
    private readonly int _client;
    private readonly IMidiSink _sink;
    private readonly TimeProvider _time;
    private readonly Dictionary<int, string> _sources = [];
    // A spin lock, not a System.Threading.Lock: a Lock allocates its wait event the first time two threads meet on it,
    // and a status or live-view frame (WriteSources) can meet the sequencer thread's announcement handling.
    private SpinLock _sourcesGate = new(enableThreadOwnerTracking: false);
    private long _events;
    private bool _disposed;

    private AlsaSequencerInput(nint seq, int client, int port, IMidiSink sink, TimeProvider time)
    {
        _seq = seq;
        _client = client;
        _port = port;
        _sink = sink;
        _time = time;
    }

    /// <summary>The device file the sequencer needs (kernel modules <c>snd-seq</c> and a card or <c>snd-seq-dummy</c>).</summary>
    public const string DevicePath = "/dev/snd/seq";

    /// <summary>The input port's name.</summary>
    public const string PortName = "gru-pedal";

    /// <summary>Raised on the input thread when a source is subscribed (true) or goes away (false), with its name
    /// ("client:port name"). A source that comes back is raised again.</summary>
    public event Action<string, bool>? SourceChanged;

    /// <summary>This client's sequencer number (<c>aconnect -l</c> shows it).</summary>
    public int Client => _client;

    /// <summary>The input port's number.</summary>
    public int Port => _port;

    /// <summary>Sequencer events read (all kinds).</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>The sources subscribed now, as "client:port name".</summary>
    public string[] Sources
    {
        get
        {
            bool taken = false;
            try
            {
                _sourcesGate.Enter(ref taken);
                return [.. _sources.Values];
            }
            finally
            {
                if (taken)
                {
                    _sourcesGate.Exit();
                }
            }
        }
    }

    /// <summary>Number of sources subscribed now (allocation-free).</summary>
    public int SourceCount
    {
        get
        {
            bool taken = false;
            try
            {
                _sourcesGate.Enter(ref taken);
                return _sources.Count;
            }
            finally
            {
                if (taken)
                {
                    _sourcesGate.Exit();
                }
            }
        }
    }

    /// <summary>Writes the subscribed sources' names as JSON strings (into an open array). Allocation-free.</summary>
    public void WriteSources(System.Text.Json.Utf8JsonWriter w)
    {
        bool taken = false;
        try
        {
            _sourcesGate.Enter(ref taken);
            foreach (var name in _sources.Values)
            {
                w.WriteStringValue(name);
            }
        }
        finally
        {
            if (taken)
            {
                _sourcesGate.Exit();
            }
        }
    }

    /// <summary>Opens the sequencer, creates the port, subscribes to the announce port and to every source there is.</summary>
    /// <param name="clientName">The client's name (<c>gru-pedal</c>).</param>
    /// <param name="sink">Receives the messages (on the thread that calls <see cref="Run"/>).</param>
    /// <param name="time">Stamps the messages.</param>
    /// <exception cref="IOException">No sequencer (naming <see cref="DevicePath"/>) or the port cannot be made.</exception>
    public static AlsaSequencerInput Open(string clientName, IMidiSink sink, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        int rc;
        nint seq;
        try
        {
            rc = AlsaSequencerNative.Open(out seq, "default", AlsaSequencerNative.OpenInput, AlsaSequencerNative.NonBlock);
        }
        catch (DllNotFoundException e)
        {
            throw new IOException($"ALSA sequencer: {AlsaSequencerNative.Library} is not installed (apt install libasound2): {e.Message}", e);
        }

        if (rc < 0)
        {
            var hint = File.Exists(DevicePath) ? "" : $" ({DevicePath} does not exist: the kernel has no sequencer; modprobe snd-seq, or snd-seq-dummy to test)";
            throw new IOException($"ALSA sequencer: cannot open: {AlsaSequencerNative.ErrorText(rc)}{hint}");
        }

        try
        {
            AlsaSequencerNative.SetClientName(seq, clientName);
            var port = AlsaSequencerNative.CreateSimplePort(seq, PortName,
                AlsaSequencerNative.CapWrite | AlsaSequencerNative.CapSubsWrite,
                AlsaSequencerNative.TypeMidiGeneric | AlsaSequencerNative.TypeApplication);
            if (port < 0)
            {
                throw new IOException($"ALSA sequencer: cannot create the port {PortName}: {AlsaSequencerNative.ErrorText(port)}");
            }

            var input = new AlsaSequencerInput(seq, AlsaSequencerNative.ClientId(seq), port, sink, time ?? TimeProvider.System);
            rc = AlsaSequencerNative.ConnectFrom(seq, port, AlsaSequencerNative.SystemClient, AlsaSequencerNative.AnnouncePort);
            if (rc < 0)
            {
                throw new IOException($"ALSA sequencer: cannot subscribe to the announce port: {AlsaSequencerNative.ErrorText(rc)}");
            }

            return input;
        }
        catch
        {
            AlsaSequencerNative.Close(seq);
            throw;
        }
    }

    /// <summary>Subscribes to every readable source there is now (call once after attaching <see cref="SourceChanged"/>).</summary>
    public void SubscribeExisting()
    {
        AlsaSequencerNative.ClientInfoMalloc(out var ci);
        AlsaSequencerNative.PortInfoMalloc(out var pi);
        try
        {
            AlsaSequencerNative.ClientInfoSetClient(ci, -1);
            while (AlsaSequencerNative.QueryNextClient(_seq, ci) >= 0)
            {
                var client = AlsaSequencerNative.ClientInfoGetClient(ci);
                if (client == _client || client == AlsaSequencerNative.SystemClient)
                {
                    continue;
                }

                AlsaSequencerNative.PortInfoSetClient(pi, client);
                AlsaSequencerNative.PortInfoSetPort(pi, -1);
                while (AlsaSequencerNative.QueryNextPort(_seq, pi) >= 0)
                {
                    TrySubscribe(client, AlsaSequencerNative.PortInfoGetPort(pi), pi, ci);
                }
            }
        }
        finally
        {
            AlsaSequencerNative.PortInfoFree(pi);
            AlsaSequencerNative.ClientInfoFree(ci);
        }
    }

    /// <summary>Reads events until cancelled (poll with a 200 ms timeout, so cancellation is seen promptly).</summary>
    public void Run(CancellationToken cancellationToken)
    {
        var count = AlsaSequencerNative.PollDescriptorsCount(_seq, AlsaSequencerNative.PollIn);
        if (count <= 0 || count > 8)
        {
            throw new IOException($"ALSA sequencer: {count} poll descriptors");
        }

        var fds = stackalloc AlsaSequencerNative.PollFd[count];
        AlsaSequencerNative.PollDescriptors(_seq, fds, (uint)count, AlsaSequencerNative.PollIn);
        while (!cancellationToken.IsCancellationRequested)
        {
            var ready = AlsaSequencerNative.Poll(fds, new CULong((uint)count), 200);
            if (ready <= 0)
            {
                continue;
            }

            Drain();
        }
    }

    /// <summary>Starts <see cref="Run"/> on a background thread named "gru-midi" (above-normal priority).</summary>
    public Thread StartThread(CancellationToken cancellationToken, Action<Exception>? onError = null)
    {
        var thread = new Thread(() =>
        {
            try
            {
                Run(cancellationToken);
            }
            catch (Exception e) when (onError is not null)
            {
                onError(e);
            }
        })
        {
            Name = "gru-midi",
            IsBackground = true,
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return thread;
    }

    private void Drain()
    {
        while (true)
        {
            var rc = AlsaSequencerNative.EventInput(_seq, out var ev);
            if (rc < 0 || ev is null)
            {
                return; // -EAGAIN: empty; -ENOSPC: the kernel's buffer overran (events lost), go on
            }

            Interlocked.Increment(ref _events);
            var span = new ReadOnlySpan<byte>(ev, AlsaSequencerEvents.Size);
            if (AlsaSequencerEvents.TryDecode(span, out var message))
            {
                _sink.OnMidi(message, _time.GetTimestamp());
                continue;
            }

            switch (AlsaSequencerEvents.Type(span))
            {
                case AlsaSequencerEvents.PortStart:
                {
                    var (client, port) = AlsaSequencerEvents.Address(span);
                    if (client != _client && client != AlsaSequencerNative.SystemClient)
                    {
                        AlsaSequencerNative.ClientInfoMalloc(out var ci);
                        AlsaSequencerNative.PortInfoMalloc(out var pi);
                        if (AlsaSequencerNative.GetAnyPortInfo(_seq, client, port, pi) >= 0 && AlsaSequencerNative.GetAnyClientInfo(_seq, client, ci) >= 0)
                        {
                            TrySubscribe(client, port, pi, ci);
                        }

                        AlsaSequencerNative.PortInfoFree(pi);
                        AlsaSequencerNative.ClientInfoFree(ci);
                    }

                    break;
                }

                case AlsaSequencerEvents.PortExit:
                {
                    var (client, port) = AlsaSequencerEvents.Address(span);
                    string? name;
                    bool taken = false;
                    try
                    {
                        _sourcesGate.Enter(ref taken);
                        if (_sources.Remove(Key(client, port), out name) is false)
                        {
                            name = null;
                        }
                    }
                    finally
                    {
                        if (taken)
                        {
                            _sourcesGate.Exit();
                        }
                    }

                    if (name is not null)
                    {
                        SourceChanged?.Invoke(name, false);
                    }

                    break;
                }
            }
        }
    }

    private void TrySubscribe(int client, int port, nint portInfo, nint clientInfo)
    {
        var caps = AlsaSequencerNative.PortInfoGetCapability(portInfo);
        const uint readable = AlsaSequencerNative.CapRead | AlsaSequencerNative.CapSubsRead;
        if ((caps & readable) != readable || (caps & AlsaSequencerNative.CapNoExport) != 0)
        {
            return;
        }

        bool taken = false;
        try
        {
            _sourcesGate.Enter(ref taken);
            if (_sources.ContainsKey(Key(client, port)))
            {
                return;
            }
        }
        finally
        {
            if (taken)
            {
                _sourcesGate.Exit();
            }
        }

        if (AlsaSequencerNative.ConnectFrom(_seq, _port, client, port) < 0)
        {
            return;
        }

        var name = $"{client}:{port} {Marshal.PtrToStringUTF8(AlsaSequencerNative.ClientInfoGetName(clientInfo))} / {Marshal.PtrToStringUTF8(AlsaSequencerNative.PortInfoGetName(portInfo))}";
        taken = false;
        try
        {
            _sourcesGate.Enter(ref taken);
            _sources[Key(client, port)] = name;
        }
        finally
        {
            if (taken)
            {
                _sourcesGate.Exit();
            }
        }

        SourceChanged?.Invoke(name, true);
    }

    private static int Key(int client, int port) => (client << 8) | port;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AlsaSequencerNative.Close(_seq);
    }
}
