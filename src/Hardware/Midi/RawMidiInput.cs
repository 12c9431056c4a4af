namespace GruPedalPi.Hardware.Midi;

/// <summary>
/// MIDI in from a raw byte stream: a serial DIN input (<c>/dev/ttyAMA0</c> with the <c>midi-uart0</c> overlay, which
/// makes the UART's 38400 baud setting run at MIDI's 31 250), a raw MIDI device (<c>/dev/snd/midiC1D0</c>) or a FIFO,
/// read through <see cref="MidiParser"/> on its own thread. A device that goes away (read error or end of file: a USB
/// adapter pulled out) is reported once through <see cref="StateChanged"/>, then reopened every
/// <see cref="RetryInterval"/> until it returns (reported once more). Reading and parsing allocate nothing.
/// </summary>
public sealed class RawMidiInput : IDisposable
{
    private readonly string _path;
    private readonly IMidiSink _sink;
    private readonly TimeProvider _time;
    private readonly MidiParser _parser = new();
    private readonly byte[] _buffer = new byte[256];
    private readonly CancellationTokenSource _stop = new();
    private FileStream? _stream;
    private Thread? _thread;
    private volatile bool _connected;

    /// <summary>Creates the input (nothing is opened until <see cref="Start"/>).</summary>
    /// <param name="path">The device or FIFO.</param>
    /// <param name="sink">Receives the messages on the input's thread.</param>
    /// <param name="time">Stamps the messages.</param>
    public RawMidiInput(string path, IMidiSink sink, TimeProvider? time = null)
    {
        _path = path ?? throw new ArgumentNullException(nameof(path));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The device's path.</summary>
    public string Path => _path;

    /// <summary>Time between attempts to reopen a device that went away (default 500 ms).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>True while the device is open.</summary>
    public bool Connected => _connected;

    /// <summary>The parser (its counters: messages, SysEx skipped, dropped).</summary>
    public MidiParser Parser => _parser;

    /// <summary>Raised on the input's thread when the device opens (true, with null) or goes away (false, with the reason):
    /// once per change, never repeated while it stays away.</summary>
    public event Action<bool, string?>? StateChanged;

    /// <summary>Starts reading on a background thread named "gru-midi-raw".</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        _thread = new Thread(Run) { Name = "gru-midi-raw", IsBackground = true, Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    private void Run()
    {
        var token = _stop.Token;
        var reportedMissing = false;
        while (!token.IsCancellationRequested)
        {
            try
            {
                // A FIFO blocks here until a writer opens it; a device opens at once or fails.
                var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
                if (token.IsCancellationRequested)
                {
                    stream.Dispose();
                    return;
                }

                Volatile.Write(ref _stream, stream);
                _parser.Reset();
                _connected = true;
                reportedMissing = false;
                StateChanged?.Invoke(true, null);
                var reason = Read(stream, token);
                _connected = false;
                Volatile.Write(ref _stream, null);
                stream.Dispose();
                if (token.IsCancellationRequested)
                {
                    return;
                }

                StateChanged?.Invoke(false, reason);
                reportedMissing = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (!reportedMissing)
                {
                    reportedMissing = true;
                    StateChanged?.Invoke(false, e.Message);
                }
            }

            token.WaitHandle.WaitOne(RetryInterval);
        }
    }

    private string Read(FileStream stream, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                var n = stream.Read(_buffer, 0, _buffer.Length);
                if (n <= 0)
                {
                    return "end of stream (unplugged?)";
                }

                for (var i = 0; i < n; i++)
                {
                    if (_parser.Push(_buffer[i], out var message))
                    {
                        _sink.OnMidi(message, _time.GetTimestamp());
                    }
                }
            }

            return "stopped";
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return e.Message;
        }
    }

    /// <summary>Stops reading (closes the device) and waits for the thread up to a second.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        Volatile.Read(ref _stream)?.Dispose();
        if (_thread is null || _thread.Join(TimeSpan.FromSeconds(1)))
        {
            _stop.Dispose();
        }

        // Otherwise it is blocked opening a FIFO with no writer: the background thread ends with the process.
    }
}
