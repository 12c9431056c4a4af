using System.Buffers;
using System.Text.Json;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// A reusable response buffer: one <see cref="Utf8JsonWriter"/> over one growable buffer, reset per response,
/// so that answering a request allocates nothing once the buffer has grown to its working size.
/// Not thread-safe: one per connection.
/// </summary>
public sealed class ControlResponseWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates a writer with an initial capacity in bytes.</summary>
    public ControlResponseWriter(int initialCapacity = 4096)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        });
    }

    /// <summary>Room for a request's preset name (a load by name decodes it here instead of into a new string).</summary>
    internal char[] NameScratch { get; } = new char[256];

    /// <summary>The JSON writer of the current response.</summary>
    public Utf8JsonWriter Json => _writer;

    /// <summary>Discards everything written so far (a new response, or an error replacing a half-written one).</summary>
    public void Clear()
    {
        _writer.Reset(_buffer);
        _buffer.ResetWrittenCount();
    }

    /// <summary>The response written so far, followed by a newline (flushes the JSON writer).</summary>
    public ReadOnlySpan<byte> Finish()
    {
        _writer.Flush();
        _buffer.Write("\n"u8);
        return _buffer.WrittenSpan;
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
