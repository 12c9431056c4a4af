using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// Streams an IEEE float32 WAV file (format tag 3, with a fact chunk) without allocating per write; the sizes in
/// the header are written on <see cref="Dispose"/>.
/// </summary>
public sealed class WavFloatWriter : IDisposable
{
    private const int HeaderBytes = 58;
    private readonly FileStream _stream;
    private readonly int _channels;
    private readonly int _sampleRateHz;
    private long _samples;

    /// <summary>Creates (or replaces) the file. channels 1..8, sampleRateHz 8000..192000.</summary>
    public WavFloatWriter(string path, int sampleRateHz, int channels)
    {
        _channels = channels;
        _sampleRateHz = sampleRateHz;
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        WriteHeader();
    }

    /// <summary>Frames written so far.</summary>
    public long Frames => _samples / _channels;

    /// <summary>Appends interleaved samples.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("WAV writing needs a little-endian machine");
        }

        _stream.Write(MemoryMarshal.AsBytes(samples));
        _samples += samples.Length;
    }

    /// <summary>Writes the final sizes and closes the file.</summary>
    public void Dispose()
    {
        _stream.Position = 0;
        WriteHeader();
        _stream.Dispose();
    }

    private void WriteHeader()
    {
        Span<byte> h = stackalloc byte[HeaderBytes];
        long dataBytes = _samples * 4;
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)Math.Min(uint.MaxValue, HeaderBytes - 8 + dataBytes));
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 18);
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], (ushort)_channels);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)_sampleRateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], (uint)(_sampleRateHz * _channels * 4));
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], (ushort)(_channels * 4));
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], 32);
        BinaryPrimitives.WriteUInt16LittleEndian(h[36..], 0);
        "fact"u8.CopyTo(h[38..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[42..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(h[46..], (uint)Math.Min(uint.MaxValue, _samples / _channels));
        "data"u8.CopyTo(h[50..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[54..], (uint)Math.Min(uint.MaxValue, dataBytes));
        _stream.Write(h);
    }
}
