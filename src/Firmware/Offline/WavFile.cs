using NAudio.Wave;

namespace GruPedalPi.Firmware.Offline;

/// <summary>Writes whole buffers as 32-bit float WAV files (through a temporary file, renamed at the end).</summary>
public static class WavFile
{
    /// <summary>Writes <paramref name="channels"/> (one array per channel, 1 or 2, same length) at
    /// <paramref name="sampleRateHz"/> as a 32-bit float WAV file.</summary>
    public static void WriteFloat(string path, float[][] channels, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length is not (1 or 2))
        {
            throw new ArgumentException("One or two channels.", nameof(channels));
        }

        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var writer = new WaveFileWriter(temp, WaveFormat.CreateIeeeFloatWaveFormat(sampleRateHz, channels.Length)))
            {
                int length = channels[0].Length;
                var buffer = new float[4096 * channels.Length];
                for (int start = 0; start < length; start += 4096)
                {
                    int n = Math.Min(4096, length - start);
                    for (int i = 0; i < n; i++)
                    {
                        for (int c = 0; c < channels.Length; c++)
                        {
                            buffer[(i * channels.Length) + c] = channels[c][start + i];
                        }
                    }

                    writer.WriteSamples(buffer, 0, n * channels.Length);
                }
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw;
        }
    }
}
