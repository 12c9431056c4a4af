using System.Buffers.Binary;
using GruPedalPi.Firmware.Core;
using NAudio.Wave;

namespace GruPedalPi.Firmware.Offline;

/// <summary>
/// Reads a WAV file block by block as floats in -1..1, one span per channel. Accepts 8/16/24/32-bit integer PCM and
/// 32/64-bit IEEE float, plain or WAVE_FORMAT_EXTENSIBLE, mono or stereo, 44.1 to 192 kHz (the chain's rates).
/// Everything else is a <see cref="UsageException"/> naming the file and the problem.
/// </summary>
internal sealed class WavAudioReader : IDisposable
{
    /// <summary>Lowest sample rate accepted, in Hz.</summary>
    public const int MinSampleRateHz = 44100;

    /// <summary>Highest sample rate accepted, in Hz.</summary>
    public const int MaxSampleRateHz = 192000;

    private static readonly Guid PcmSubFormat = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    private readonly WaveFileReader _reader;
    private readonly bool _isFloat;
    private readonly int _bytesPerSample;
    private byte[] _bytes = [];

    /// <summary>Opens <paramref name="path"/>. Throws <see cref="UsageException"/> when it is missing, not a WAV file,
    /// or in an encoding, channel count or rate the pedal does not take.</summary>
    public WavAudioReader(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such file");
        }

        try
        {
            _reader = new WaveFileReader(path);
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw new UsageException($"{path}: not a WAV file ({e.Message.TrimEnd('.')})", e);
        }
        catch (IOException e)
        {
            throw new UsageException($"{path}: cannot read ({e.Message.TrimEnd('.')})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"{path}: cannot read ({e.Message.TrimEnd('.')})", e);
        }

        try
        {
            var format = _reader.WaveFormat;
            var encoding = format.Encoding;
            if (encoding == WaveFormatEncoding.Extensible)
            {
                var subFormat = SubFormatOf(format);
                encoding = subFormat == PcmSubFormat ? WaveFormatEncoding.Pcm
                    : subFormat == FloatSubFormat ? WaveFormatEncoding.IeeeFloat
                    : encoding;
            }

            _isFloat = encoding == WaveFormatEncoding.IeeeFloat;
            bool supported = encoding switch
            {
                WaveFormatEncoding.Pcm => format.BitsPerSample is 8 or 16 or 24 or 32,
                WaveFormatEncoding.IeeeFloat => format.BitsPerSample is 32 or 64,
                _ => false,
            };
            if (!supported)
            {
                throw new UsageException(
                    $"{path}: unsupported encoding {encoding} {format.BitsPerSample}-bit (use 16/24/32-bit PCM or 32-bit float)");
            }

            if (format.Channels is not (1 or 2))
            {
                throw new UsageException($"{path}: {format.Channels} channels; the pedal takes mono or stereo");
            }

            if (format.SampleRate is < MinSampleRateHz or > MaxSampleRateHz)
            {
                throw new UsageException(
                    $"{path}: sample rate {format.SampleRate} Hz is out of range {MinSampleRateHz}..{MaxSampleRateHz} Hz");
            }

            _bytesPerSample = format.BitsPerSample / 8;
            if (format.BlockAlign != _bytesPerSample * format.Channels)
            {
                throw new UsageException($"{path}: inconsistent block alignment {format.BlockAlign} for {format.Channels} x {format.BitsPerSample}-bit");
            }

            SampleRateHz = format.SampleRate;
            Channels = format.Channels;
            Frames = _reader.Length / format.BlockAlign;
            Path = path;
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Sample rate in Hz, 44100..192000.</summary>
    public int SampleRateHz { get; }

    /// <summary>Channels: 1 or 2.</summary>
    public int Channels { get; }

    /// <summary>Length in frames (samples per channel).</summary>
    public long Frames { get; }

    /// <summary>Bits per sample in the file.</summary>
    public int BitsPerSample => _bytesPerSample * 8;

    /// <summary>True for IEEE float data, false for integer PCM.</summary>
    public bool IsFloat => _isFloat;

    /// <summary>Reads up to <c>left.Length</c> frames; <paramref name="right"/> is ignored for mono (and may be empty).
    /// Returns the number of frames read, 0 at the end.</summary>
    public int Read(Span<float> left, Span<float> right)
    {
        int blockAlign = _bytesPerSample * Channels;
        int wanted = left.Length * blockAlign;
        if (_bytes.Length < wanted)
        {
            _bytes = new byte[wanted];
        }

        int got = 0;
        while (got < wanted)
        {
            int n = _reader.Read(_bytes, got, wanted - got);
            if (n <= 0)
            {
                break;
            }

            got += n;
        }

        int frames = got / blockAlign;
        ReadOnlySpan<byte> data = _bytes.AsSpan(0, frames * blockAlign);
        for (int i = 0; i < frames; i++)
        {
            var frame = data.Slice(i * blockAlign, blockAlign);
            left[i] = Decode(frame[.._bytesPerSample]);
            if (Channels == 2)
            {
                right[i] = Decode(frame[_bytesPerSample..]);
            }
        }

        return frames;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    /// <summary>The sub-format GUID of a WAVE_FORMAT_EXTENSIBLE header (after valid bits and channel mask).</summary>
    private static Guid? SubFormatOf(WaveFormat format) => format switch
    {
        WaveFormatExtensible extensible => extensible.SubFormat,
        WaveFormatExtraData { ExtraData.Length: >= 22 } extra => new Guid(extra.ExtraData.AsSpan(6, 16)),
        _ => null,
    };

    private float Decode(ReadOnlySpan<byte> b)
    {
        if (_isFloat)
        {
            return _bytesPerSample == 4
                ? BinaryPrimitives.ReadSingleLittleEndian(b)
                : (float)BinaryPrimitives.ReadDoubleLittleEndian(b);
        }

        return _bytesPerSample switch
        {
            1 => (b[0] - 128) / 128f,
            2 => BinaryPrimitives.ReadInt16LittleEndian(b) / 32768f,
            3 => ((b[0] << 8) | (b[1] << 16) | (b[2] << 24)) / 2147483648f,
            _ => BinaryPrimitives.ReadInt32LittleEndian(b) / 2147483648f,
        };
    }
}
