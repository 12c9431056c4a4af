using System.Buffers.Binary;
using NAudio.Wave;

namespace GruPedalPi.Firmware.Tests.Support;

/// <summary>Writes and reads test WAV files with NAudio.</summary>
internal static class TestWav
{
    /// <summary>
    /// Writes <paramref name="frames"/> frames of a test signal (a 0.6 sine at 441 Hz on the left, a 0.4 sine at 1 kHz on
    /// the right) quantized to the format, and returns the exact floats a reader must decode (one array per channel).
    /// </summary>
    public static float[][] Write(string path, int sampleRateHz, int channels, int bits, bool isFloat, int frames, bool extensible = false)
    {
        WaveFormat format = isFloat
            ? WaveFormat.CreateIeeeFloatWaveFormat(sampleRateHz, channels)
            : extensible ? new WaveFormatExtensible(sampleRateHz, bits, channels) : new WaveFormat(sampleRateHz, bits, channels);
        var expected = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            expected[c] = new float[frames];
        }

        int bytesPerSample = bits / 8;
        var data = new byte[frames * channels * bytesPerSample];
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                double v = c == 0 ? 0.6 * Math.Sin(2 * Math.PI * 441 * i / sampleRateHz) : 0.4 * Math.Sin(2 * Math.PI * 1000 * i / sampleRateHz);
                var span = data.AsSpan(((i * channels) + c) * bytesPerSample, bytesPerSample);
                if (isFloat)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(span, (float)v);
                    expected[c][i] = (float)v;
                }
                else
                {
                    long full = 1L << (bits - 1);
                    long q = (long)Math.Round(v * (full - 1));
                    expected[c][i] = (float)(q / (double)full);
                    switch (bits)
                    {
                        case 16: BinaryPrimitives.WriteInt16LittleEndian(span, (short)q); break;
                        case 24: span[0] = (byte)q; span[1] = (byte)(q >> 8); span[2] = (byte)(q >> 16); break;
                        default: BinaryPrimitives.WriteInt32LittleEndian(span, (int)q); break;
                    }
                }
            }
        }

        using var writer = new WaveFileWriter(path, format);
        writer.Write(data, 0, data.Length);
        return expected;
    }

    /// <summary>Reads a 32-bit float WAV file: its format and one array per channel.</summary>
    public static (WaveFormat Format, float[][] Channels) ReadFloat(string path)
    {
        using var reader = new WaveFileReader(path);
        var format = reader.WaveFormat;
        Assert.Equal(WaveFormatEncoding.IeeeFloat, format.Encoding);
        Assert.Equal(32, format.BitsPerSample);
        int frames = (int)(reader.Length / format.BlockAlign);
        var channels = new float[format.Channels][];
        for (int c = 0; c < format.Channels; c++)
        {
            channels[c] = new float[frames];
        }

        var bytes = new byte[frames * format.BlockAlign];
        Assert.Equal(bytes.Length, reader.Read(bytes, 0, bytes.Length));
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < format.Channels; c++)
            {
                channels[c][i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(((i * format.Channels) + c) * 4));
            }
        }

        return (format, channels);
    }
}
