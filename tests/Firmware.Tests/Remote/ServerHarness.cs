using System.Net.Sockets;
using System.Text;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Tests.Presets;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>A real control server on a real Unix socket in a fresh folder, with a fake pedal.</summary>
internal sealed class ServerHarness : IDisposable
{
    private readonly TempDir _dir = new();

    public ServerHarness(ControlServerOptions? options = null)
    {
        Library = new PresetLibrary(_dir.Path);
        Server = new ControlServer(SocketPath, Pedal, Library, null, options);
        Server.Start();
    }

    public FakePedal Pedal { get; } = new();

    public PresetLibrary Library { get; }

    public ControlServer Server { get; }

    public string DataDirectory => _dir.Path;

    public string SocketPath => _dir.File("control.sock");

    /// <summary>Connects a raw client (receive timeout 10 s: a test that waits longer has failed).</summary>
    public Socket Connect()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 10_000, SendTimeout = 10_000 };
        socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
        return socket;
    }

    /// <summary>Sends one request line on a new connection and returns the response line.</summary>
    public string Ask(string json)
    {
        using var socket = Connect();
        return Exchange(socket, json);
    }

    /// <summary>Sends one line and reads one line.</summary>
    public static string Exchange(Socket socket, string json)
    {
        socket.Send(Encoding.UTF8.GetBytes(json + "\n"));
        return ReadLine(socket) ?? throw new IOException("the server closed the connection");
    }

    /// <summary>Reads one line (null when the server closed the connection first).</summary>
    public static string? ReadLine(Socket socket)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var n = socket.Receive(one);
            if (n == 0)
            {
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.UTF8.GetString(bytes.ToArray());
            }

            bytes.Add(one[0]);
        }
    }

    /// <summary>True once the server has closed the connection (reads and discards until then).</summary>
    public static bool WaitClosed(Socket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.Receive(buffer) > 0)
            {
            }

            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    public void Dispose()
    {
        Server.Dispose();
        Library.Dispose();
        _dir.Dispose();
    }
}
