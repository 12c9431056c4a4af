using System.Diagnostics;
using System.Net.Sockets;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Presets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// The control socket: a Unix domain stream socket (mode 0660: the service's user and group), newline-delimited
/// JSON, no network listener of any kind. One accept thread and <see cref="ControlServerOptions.MaxClients"/>
/// client threads, each with its own preallocated line buffer and response writer; blocking calls with
/// poll() timeouts, so a steady stream of requests allocates next to nothing (see
/// <see cref="ControlServerStatistics.HandlerBytesAllocated"/>). Bounded: 64 KiB per line, a fixed number of
/// clients, idle and slow-line timeouts, and a connection that sends garbage is answered and closed.
/// </summary>
public sealed class ControlServer : IHostedService, IDisposable
{
    private static readonly byte[] BusyResponse =
        "{\"v\":1,\"ok\":false,\"service\":true,\"error\":{\"code\":\"busy\",\"message\":\"too many clients; try again\"}}\n"u8.ToArray();

    private static readonly byte[] TooLongResponse =
        "{\"v\":1,\"ok\":false,\"service\":true,\"error\":{\"code\":\"too_long\",\"message\":\"a request line may be at most 65536 bytes\"}}\n"u8.ToArray();

    private readonly ControlRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly ControlServerOptions _options;
    private readonly ClientSlot[] _slots;
    private Socket? _listener;
    private Thread? _acceptThread;
    private volatile bool _stopping;

    /// <summary>Creates the server for the running pedal (not yet listening: call <see cref="Start"/>).</summary>
    /// <param name="socketPath">The socket's path (<c>/run/gru-pedal/control.sock</c> on the Pi).</param>
    /// <param name="pedal">The running pedal.</param>
    /// <param name="library">The presets and set list.</param>
    /// <param name="logger">The service's log.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    public ControlServer(string socketPath, IPedalControl pedal, PresetLibrary library, ILogger? logger = null, ControlServerOptions? options = null)
        : this(socketPath, new ControlRequestHandler(pedal, library, logger), logger, options)
    {
    }

    /// <summary>Creates the server around a request handler.</summary>
    public ControlServer(string socketPath, ControlRequestHandler handler, ILogger? logger = null, ControlServerOptions? options = null)
    {
        SocketPath = Path.GetFullPath(socketPath);
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
        _options = options ?? new ControlServerOptions();
        if (_options.MaxClients is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxClients, "MaxClients must be 1..64");
        }

        _handler.Statistics = Statistics;
        _slots = new ClientSlot[_options.MaxClients];
    }

    /// <summary>The socket's full path.</summary>
    public string SocketPath { get; }

    /// <summary>The server's counters.</summary>
    public ControlServerStatistics Statistics { get; } = new();

    /// <summary>Creates the socket (mode 0660) and starts serving.</summary>
    /// <exception cref="IOException">Another service already listens on the path, or the socket cannot be created.</exception>
    public void Start()
    {
        if (_listener is not null)
        {
            return;
        }

        var directory = Path.GetDirectoryName(SocketPath)!;
        Directory.CreateDirectory(directory);
        if (File.Exists(SocketPath) && IsListening(SocketPath))
        {
            throw new IOException($"another gru-pedal service is already listening on {SocketPath}");
        }

        // A service killed with SIGKILL leaves its socket file behind; nobody listens on it any more.
        if (File.Exists(SocketPath))
        {
            File.Delete(SocketPath);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(SocketPath));

            // Until this chmod the socket has the umask's mode (0755 under the usual umask 022: nobody else
            // can connect, connecting needs write permission); the socket's folder (0750) guards it as well.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            }

            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _stopping = false;
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new ClientSlot(this, i);
        }

        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "gru-control-accept" };
        _acceptThread.Start();
        _logger.LogInformation("Control socket listening on {Path} (mode 0660, {Clients} clients)", SocketPath, _slots.Length);
    }

    /// <summary>Stops serving: closes every connection and removes the socket file.</summary>
    public void Stop()
    {
        if (_listener is null)
        {
            return;
        }

        _stopping = true;
        _acceptThread?.Join(TimeSpan.FromSeconds(5));
        foreach (var slot in _slots)
        {
            slot?.Stop();
        }

        _listener.Dispose();
        _listener = null;
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
        }

        _logger.LogInformation("Control socket closed");
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => Stop();

    private static bool IsListening(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void AcceptLoop()
    {
        var listener = _listener!;
        while (!_stopping)
        {
            Socket client;
            try
            {
                if (!listener.Poll(200_000, SelectMode.SelectRead))
                {
                    continue;
                }

                client = listener.Accept();
            }
            catch (SocketException ex)
            {
                if (!_stopping)
                {
                    _logger.LogWarning("Control socket accept failed: {Message}", ex.Message);
                }

                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var slot = Array.Find(_slots, s => s.TryClaim());
            if (slot is null)
            {
                Interlocked.Increment(ref Statistics._rejectedBusy);
                try
                {
                    client.Blocking = false;
                    client.Send(BusyResponse, SocketFlags.None, out _);
                    client.Shutdown(SocketShutdown.Send);
                }
                catch (SocketException)
                {
                }
                finally
                {
                    client.Dispose();
                }

                continue;
            }

            Interlocked.Increment(ref Statistics._connections);
            slot.Serve(client);
        }
    }

    /// <summary>One client thread with its own buffers; serves one connection at a time.</summary>
    private sealed class ClientSlot
    {
        private readonly ControlServer _server;
        private readonly byte[] _buffer = new byte[ControlProtocol.MaxLineBytes + 1];
        private readonly ControlResponseWriter _response = new();
        private readonly SemaphoreSlim _assigned = new(0);
        private readonly Thread _thread;
        private int _busy;
        private volatile Socket? _socket;

        public ClientSlot(ControlServer server, int index)
        {
            _server = server;
            _thread = new Thread(Run) { IsBackground = true, Name = "gru-control-" + index };
            _thread.Start();
        }

        public bool TryClaim() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

        public void Serve(Socket socket)
        {
            _socket = socket;
            _assigned.Release();
        }

        public void Stop()
        {
            _assigned.Release();
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        private void Run()
        {
            while (true)
            {
                _assigned.Wait();
                if (_server._stopping)
                {
                    _socket?.Dispose();
                    return;
                }

                var socket = _socket!;
                Interlocked.Increment(ref _server.Statistics._activeClients);
                try
                {
                    Converse(socket);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
                {
                    // the client went away
                }
                catch (Exception ex)
                {
                    _server._logger.LogError(ex, "Control connection failed");
                }
                finally
                {
                    socket.Dispose();
                    _socket = null;
                    Interlocked.Decrement(ref _server.Statistics._activeClients);
                    Volatile.Write(ref _busy, 0);
                }
            }
        }

        private void Converse(Socket socket)
        {
            var options = _server._options;
            var stats = _server.Statistics;
            socket.SendTimeout = (int)options.SendTimeout.TotalMilliseconds;
            var filled = 0;
            var malformedInRow = 0;
            var lastRequest = Stopwatch.GetTimestamp();
            var lineStarted = 0L;
            while (!_server._stopping)
            {
                // Answer every complete line in the buffer.
                int newline;
                while ((newline = _buffer.AsSpan(0, filled).IndexOf((byte)'\n')) >= 0)
                {
                    var line = _buffer.AsSpan(0, newline);
                    if (!line.Trim(" \t\r"u8).IsEmpty)
                    {
                        var outcome = Answer(socket, line, stats, options.MeasureAllocations);
                        lastRequest = Stopwatch.GetTimestamp();
                        malformedInRow = outcome == ControlRequestHandler.Outcome.Malformed ? malformedInRow + 1 : 0;
                        if (malformedInRow >= options.MaxMalformedInRow)
                        {
                            Interlocked.Increment(ref stats._closedAbusive);
                            return;
                        }
                    }

                    var rest = filled - newline - 1;
                    _buffer.AsSpan(newline + 1, rest).CopyTo(_buffer);
                    filled = rest;
                    lineStarted = filled > 0 ? Stopwatch.GetTimestamp() : 0;
                }

                if (filled > ControlProtocol.MaxLineBytes)
                {
                    Interlocked.Increment(ref stats._closedTooLong);
                    Interlocked.Increment(ref stats._errorResponses);
                    socket.Send(TooLongResponse, SocketFlags.None, out _);
                    return;
                }

                var now = Stopwatch.GetTimestamp();
                var idleLeft = options.IdleTimeout - Stopwatch.GetElapsedTime(lastRequest, now);
                var lineLeft = filled > 0 ? options.LineTimeout - Stopwatch.GetElapsedTime(lineStarted, now) : TimeSpan.MaxValue;
                var left = idleLeft < lineLeft ? idleLeft : lineLeft;
                if (left <= TimeSpan.Zero)
                {
                    Interlocked.Increment(ref stats._closedIdle);
                    return;
                }

                var waitUs = (int)Math.Min(200_000, Math.Max(1, left.TotalMicroseconds));
                if (!socket.Poll(waitUs, SelectMode.SelectRead))
                {
                    continue;
                }

                var n = socket.Receive(_buffer.AsSpan(filled), SocketFlags.None, out var error);
                if (n <= 0 || error != SocketError.Success)
                {
                    return; // closed by the client
                }

                if (filled == 0)
                {
                    lineStarted = Stopwatch.GetTimestamp();
                }

                filled += n;
            }
        }

        private ControlRequestHandler.Outcome Answer(Socket socket, ReadOnlySpan<byte> line, ControlServerStatistics stats, bool measure)
        {
            var before = measure ? GC.GetAllocatedBytesForCurrentThread() : 0;
            var outcome = _server._handler.Handle(line, _response);
            var bytes = _response.Finish();
            Interlocked.Increment(ref stats._requests);
            if (outcome != ControlRequestHandler.Outcome.Ok)
            {
                Interlocked.Increment(ref stats._errorResponses);
            }

            if (outcome == ControlRequestHandler.Outcome.Malformed)
            {
                Interlocked.Increment(ref stats._malformed);
            }

            while (!bytes.IsEmpty)
            {
                var sent = socket.Send(bytes, SocketFlags.None, out var error);
                if (sent <= 0 || error != SocketError.Success)
                {
                    throw new SocketException((int)(error == SocketError.Success ? SocketError.ConnectionReset : error));
                }

                bytes = bytes[sent..];
            }

            if (measure)
            {
                Interlocked.Add(ref stats._handlerBytesAllocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            return outcome;
        }
    }
}
