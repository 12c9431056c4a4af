using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Health;
using GruPedalPi.Firmware.Interop;
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
    private static readonly byte[] BusyResponse = ErrorLine(ErrorCodes.Busy, "too many clients; try again");

    internal static readonly byte[] TooLongResponse = ErrorLine(ErrorCodes.TooLong, "a request line may be at most 65536 bytes");

    private readonly SystemHealthReader? _health;
    private readonly ControlRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly ControlServerOptions _options;
    private readonly ControlClientSlot[] _slots;
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
        if (_handler.Health is null)
        {
            _health = new SystemHealthReader();
            _handler.Health = _health;
        }

        _slots = new ControlClientSlot[_options.MaxClients];
    }

    /// <summary>The socket's full path.</summary>
    public string SocketPath { get; }

    /// <summary>The request handler (to attach the MIDI control: <see cref="ControlRequestHandler.Midi"/>).</summary>
    public ControlRequestHandler Handler => _handler;

    /// <summary>True once <see cref="StopAsync"/> began: the client threads finish their connection and end.</summary>
    internal bool Stopping => _stopping;

    /// <summary>Where a failed connection is reported.</summary>
    internal ILogger Logger => _logger;

    /// <summary>The socket's limits.</summary>
    internal ControlServerOptions Options => _options;

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
            _slots[i] = new ControlClientSlot(this, i);
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
    public void Dispose()
    {
        Stop();
        _health?.Dispose();
    }

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
        var listenerFd = (int)_listener!.SafeHandle.DangerousGetHandle();
        while (!_stopping)
        {
            if ((PosixSocket.Poll(listenerFd, PosixSocket.PollIn, 200) & PosixSocket.PollIn) == 0)
            {
                continue;
            }

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var fd = PosixSocket.Accept4(listenerFd, IntPtr.Zero, IntPtr.Zero, PosixSocket.SockCloExec);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != PosixSocket.EAgain && errno != PosixSocket.EIntr && !_stopping)
                {
                    _logger.LogWarning("Control socket accept failed (errno {Errno})", errno);
                    PosixSocket.Poll(-1, 0, 100); // e.g. out of descriptors: do not spin
                }

                continue;
            }

            ControlClientSlot? slot = null;
            foreach (var s in _slots)
            {
                if (s.TryClaim())
                {
                    slot = s;
                    break;
                }
            }

            if (slot is null)
            {
                Interlocked.Increment(ref Statistics._rejectedBusy);
                SendAll(fd, BusyResponse, 0);
                PosixSocket.Shutdown(fd, PosixSocket.ShutWrite);
                PosixSocket.Close(fd);
                Interlocked.Add(ref Statistics._acceptBytesAllocated, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
                continue;
            }

            Interlocked.Increment(ref Statistics._connections);
            slot.Serve(fd);
            Interlocked.Add(ref Statistics._acceptBytesAllocated, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        }
    }

    /// <summary>Sends everything, waiting up to <paramref name="timeoutMs"/> whenever the client's buffer is full.
    /// False when the client went away or did not read in time.</summary>
    internal static unsafe bool SendAll(int fd, ReadOnlySpan<byte> bytes, int timeoutMs)
    {
        fixed (byte* start = bytes)
        {
            var sent = 0;
            while (sent < bytes.Length)
            {
                var n = PosixSocket.Send(fd, start + sent, (nuint)(bytes.Length - sent), PosixSocket.MsgDontWait | PosixSocket.MsgNoSignal);
                if (n > 0)
                {
                    sent += (int)n;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (n < 0 && errno == PosixSocket.EIntr)
                {
                    continue;
                }

                if (n < 0 && errno == PosixSocket.EAgain && timeoutMs > 0
                    && (PosixSocket.Poll(fd, PosixSocket.PollOut, timeoutMs) & PosixSocket.PollOut) != 0)
                {
                    continue;
                }

                return false;
            }
        }

        return true;
    }

    /// <summary>A whole error response line, for the answers the server gives before any request is read.</summary>
    private static byte[] ErrorLine(string code, string message) =>
        System.Text.Encoding.UTF8.GetBytes(
            $"{{\"v\":{ControlProtocol.Version},\"ok\":false,\"service\":true,\"error\":{{\"code\":\"{code}\",\"message\":\"{message}\"}}}}\n");
}
