using System.Diagnostics;
using System.Runtime.InteropServices;
using GruPedalPi.Firmware.Interop;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// One client thread of the <see cref="ControlServer"/> with its own preallocated buffers (a 64 KiB line buffer and a
/// response writer); serves one connection (a raw descriptor) at a time: reads lines with poll/recv, answers each
/// through the server's handler, and closes connections that idle, dawdle over a line, send garbage or do not read.
/// </summary>
internal sealed class ControlClientSlot
{
    private readonly ControlServer _server;
    private readonly byte[] _buffer = new byte[ControlProtocol.MaxLineBytes + 1];
    private readonly ControlResponseWriter _response = new();
    private readonly EventFdSignal _assigned; // a SemaphoreSlim allocates on its first contention (NativeAOT)
    private readonly Thread _thread;
    private int _busy;
    private int _fd = -1;

    /// <summary>Starts the slot's thread (gru-control-INDEX), which waits for a connection.</summary>
    public ControlClientSlot(ControlServer server, int index)
    {
        _server = server;
        _assigned = new EventFdSignal($"control socket {server.SocketPath}, client slot {index}");
        _thread = new Thread(Run) { IsBackground = true, Name = "gru-control-" + index };
        _thread.Start();
    }

    /// <summary>Claims the slot for a new connection (false: it is serving one).</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    /// <summary>Hands a claimed slot its connection.</summary>
    public void Serve(int fd)
    {
        Volatile.Write(ref _fd, fd);
        _assigned.Raise();
    }

    /// <summary>Wakes the thread to end (the server is stopping) and waits up to 5 s for it.</summary>
    public void Stop()
    {
        _assigned.Raise();
        if (_thread.Join(TimeSpan.FromSeconds(5)))
        {
            _assigned.Dispose();
        }
    }

    private void Run()
    {
        while (true)
        {
            _assigned.Wait();
            var fd = Volatile.Read(ref _fd);
            if (_server.Stopping)
            {
                if (fd >= 0)
                {
                    PosixSocket.Close(fd);
                }

                return;
            }

            Interlocked.Increment(ref _server.Statistics._activeClients);
            try
            {
                Converse(fd);
            }
            catch (Exception ex)
            {
                _server.Logger.LogError(ex, "Control connection failed");
            }
            finally
            {
                PosixSocket.Close(fd);
                Volatile.Write(ref _fd, -1);
                Interlocked.Decrement(ref _server.Statistics._activeClients);
                Volatile.Write(ref _busy, 0);
            }
        }
    }

    private unsafe void Converse(int fd)
    {
        var options = _server.Options;
        var stats = _server.Statistics;
        var sendTimeoutMs = (int)options.SendTimeout.TotalMilliseconds;
        var filled = 0;
        var malformedInRow = 0;
        var lastRequest = Stopwatch.GetTimestamp();
        var lineStarted = 0L;
        while (!_server.Stopping)
        {
            // Answer every complete line in the buffer.
            int newline;
            while ((newline = _buffer.AsSpan(0, filled).IndexOf((byte)'\n')) >= 0)
            {
                var line = _buffer.AsSpan(0, newline);
                if (!line.Trim(" \t\r"u8).IsEmpty)
                {
                    var outcome = Answer(fd, line, stats, options.MeasureAllocations, sendTimeoutMs, out var delivered);
                    if (!delivered)
                    {
                        Interlocked.Increment(ref stats._closedUnread);
                        return; // the client does not read its answers (or went away)
                    }

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
                ControlServer.SendAll(fd, ControlServer.TooLongResponse, sendTimeoutMs);
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

            var waitMs = (int)Math.Clamp(Math.Ceiling(left.TotalMilliseconds), 1, 200);
            var events = PosixSocket.Poll(fd, PosixSocket.PollIn, waitMs);
            if (events == 0)
            {
                continue;
            }

            nint n;
            fixed (byte* free = &_buffer[filled])
            {
                n = PosixSocket.Recv(fd, free, (nuint)(_buffer.Length - filled), PosixSocket.MsgDontWait);
            }

            if (n < 0 && Marshal.GetLastPInvokeError() is PosixSocket.EAgain or PosixSocket.EIntr)
            {
                continue;
            }

            if (n <= 0)
            {
                return; // closed by the client (or an error)
            }

            if (filled == 0)
            {
                lineStarted = Stopwatch.GetTimestamp();
            }

            filled += (int)n;
        }
    }

    private ControlRequestHandler.Outcome Answer(int fd, ReadOnlySpan<byte> line, ControlServerStatistics stats, bool measure, int sendTimeoutMs, out bool delivered)
    {
        var before = measure ? GC.GetAllocatedBytesForCurrentThread() : 0;
        var outcome = _server.Handler.Handle(line, _response);
        delivered = ControlServer.SendAll(fd, _response.Finish(), sendTimeoutMs);
        Interlocked.Increment(ref stats._requests);
        if (outcome != ControlRequestHandler.Outcome.Ok)
        {
            Interlocked.Increment(ref stats._errorResponses);
        }

        if (outcome == ControlRequestHandler.Outcome.Malformed)
        {
            Interlocked.Increment(ref stats._malformed);
        }

        if (measure)
        {
            Interlocked.Add(ref stats._handlerBytesAllocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return outcome;
    }
}
