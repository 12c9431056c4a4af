using GruPedalPi.Firmware.Offline;

namespace GruPedalPi.SystemTests;

/// <summary>What the booted-system test classes assert with: a check on a boot's facts that fails with the facts it
/// read and the boot's logs, and the audio comparisons.</summary>
public static class GuestChecks
{
    /// <summary>Fails the test when <paramref name="condition"/> is false, naming the promise, the facts the check read
    /// (first, as CI shows the end of a long log) and then everything the boot left.</summary>
    /// <param name="boot">The boot whose facts the check read.</param>
    /// <param name="condition">The promise holds.</param>
    /// <param name="what">The promise, as a sentence.</param>
    public static void Check(GuestBoot boot, bool condition, string what)
    {
        var looked = boot.TakeRead();
        if (!condition)
        {
            throw new Xunit.Sdk.XunitException($"{what}: not so on the booted system ({looked})\n{boot.Explain()}");
        }
    }

    /// <summary>The first channel of a WAV file.</summary>
    public static float[] ReadChannel(string path)
    {
        using var reader = new WavAudioReader(path);
        var left = new float[reader.Frames];
        var right = new float[reader.Frames];
        int read = reader.Read(left, reader.Channels == 2 ? right : []);
        return left[..read];
    }

    /// <summary>The largest absolute difference between two signals of the same length, and the frame where it is.</summary>
    public static (double Largest, int Frame) LargestDifference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException($"{expected.Length} and {actual.Length} frames: the signals must have the same length", nameof(actual));
        }

        double largest = 0;
        int frame = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs((double)expected[i] - actual[i]);
            if (d > largest)
            {
                largest = d;
                frame = i;
            }
        }

        return (largest, frame);
    }
}
