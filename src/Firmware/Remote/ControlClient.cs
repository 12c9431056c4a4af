using System.Net.Sockets;
using System.Text;

namespace GruPedalPi.Firmware.Remote;

/// <summary>The command line's side of the control socket: one connection, one request line at a time.</summary>
public sealed class ControlClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _filled;

    private ControlClient(Socket socket) => _socket = socket;

    /// <summary>How connecting went.</summary>
    public enum ConnectResult
    {
        /// <summary>Connected.</summary>
        Connected,
        /// <summary>No socket at the path, or nobody listening: the service is not running.</summary>
        NotRunning,
        /// <summary>The socket exists but this user may not use it (not in the service's group).</summary>
        PermissionDenied,
    }

    /// <summary>Connects to the service's socket.</summary>
    /// <param name="socketPath">The socket's path.</param>
    /// <param name="timeout">How long a request may take before it fails.</param>
    /// <param name="client">The connection, when it succeeded.</param>
    public static ConnectResult TryConnect(string socketPath, TimeSpan timeout, out ControlClient? client)
    {
        client = null;
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            socket.SendTimeout = (int)timeout.TotalMilliseconds;
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            client = new ControlClient(socket);
            return ConnectResult.Connected;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return ex.SocketErrorCode == SocketError.AccessDenied ? ConnectResult.PermissionDenied : ConnectResult.NotRunning;
        }
    }

    /// <summary>Sends one request (a JSON object, without newline) and returns the response line (without newline).</summary>
    /// <exception cref="IOException">The service closed the connection or did not answer in time.</exception>
    public byte[] Request(ReadOnlySpan<byte> requestJson)
    {
        try
        {
            var line = new byte[requestJson.Length + 1];
            requestJson.CopyTo(line);
            line[^1] = (byte)'\n';
            try
            {
                _socket.Send(line);
            }
            catch (SocketException)
            {
                // The service may have answered and closed before reading ("busy"): read that answer below.
            }

            while (true)
            {
                var newline = _buffer.AsSpan(0, _filled).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var response = _buffer.AsSpan(0, newline).ToArray();
                    _buffer.AsSpan(newline + 1, _filled - newline - 1).CopyTo(_buffer);
                    _filled -= newline + 1;
                    return response;
                }

                if (_filled == _buffer.Length)
                {
                    throw new IOException("the service's response is too long");
                }

                var n = _socket.Receive(_buffer, _filled, _buffer.Length - _filled, SocketFlags.None);
                if (n <= 0)
                {
                    throw new IOException("the service closed the connection"
                                          + (_filled > 0 ? ": " + Encoding.UTF8.GetString(_buffer, 0, _filled) : ""));
                }

                _filled += n;
            }
        }
        catch (SocketException ex)
        {
            throw new IOException($"the service did not answer: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _socket.Dispose();
}
