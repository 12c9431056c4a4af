using System.Buffers.Binary;
using System.Text;

namespace GruPedalPi.Deploy.Tests;

/// <summary>Just enough of the WAV format to write a test input and read `gru-pedal render`'s output:
/// 32-bit IEEE float, interleaved.</summary>
public static class FloatWav
{
    /// <summary>Writes a mono 32-bit float WAV file.</summary>
    /// <param name="path">The file to write (replaced).</param>
    /// <param name="samples">The samples, nominally within -1..1.</param>
    /// <param name="sampleRateHz">The sample rate, 8000..384000 Hz.</param>
    public static void WriteMono(string path, ReadOnlySpan<float> samples, int sampleRateHz)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        var dataBytes = samples.Length * 4;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)3); // IEEE float
        writer.Write((short)1);
        writer.Write(sampleRateHz);
        writer.Write(sampleRateHz * 4);
        writer.Write((short)4);
        writer.Write((short)32);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        foreach (var sample in samples)
        {
            writer.Write(sample);
        }
    }

    /// <summary>Reads every sample (interleaved) of a 32-bit float WAV file.</summary>
    public static float[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= 12 && Encoding.ASCII.GetString(bytes, 0, 4) == "RIFF" && Encoding.ASCII.GetString(bytes, 8, 4) == "WAVE", $"{path}: not a WAV file");
        var offset = 12;
        var isFloat = false;
        while (offset + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id == "fmt ")
            {
                var format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                // 3 = IEEE float; 0xFFFE = WAVE_FORMAT_EXTENSIBLE (the sub-format is float for 32-bit output here).
                isFloat = bits == 32 && (format == 3 || format == 0xFFFE);
            }
            else if (id == "data")
            {
                Assert.True(isFloat, $"{path}: not 32-bit float");
                var samples = new float[body.Length / 4];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadSingleLittleEndian(body[(i * 4)..]);
                }

                return samples;
            }

            offset += 8 + size + (size & 1);
        }

        Assert.Fail($"{path}: no data chunk");
        return [];
    }
}
