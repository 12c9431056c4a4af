using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Engine;
using NAudio.Wave;
using Xunit.Abstractions;
using GruPedalPi.Hardware.Tests.Audio;

namespace GruPedalPi.Firmware.Tests.Service;

/// <summary>
/// The service end to end: the gru-pedal executable in a child process, on a real JACK server with the dummy
/// backend, through the real PortAudio.
/// </summary>
[Collection("JACK service")]
public sealed class ServiceJackTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // a loaded 2-core machine can be slow to start things
    private readonly ITestOutputHelper _output;

    public ServiceJackTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_recording_of_a_run_equals_the_offline_chain_bit_for_bit_with_no_collection_and_no_late_callback_after_warm_up()
    {
        using var jack = new JackServer(framesPerPeriod: 64);
        string dir = Directory.CreateTempSubdirectory("gru-run-").FullName;
        string input = Path.Combine(dir, "in.wav");
        string recording = Path.Combine(dir, "out.wav");
        var guitar = Riff(48000 * 3 / 2);
        using (var w = new WavFloatWriter(input, 48000, 1))
        {
            w.Write(guitar);
        }

        using var child = new ChildProcess(jack.Name, "run", "--device", "system", "--frames", "64", "--rate", "48000",
            "--duration", "3", "--input-file", input, "--record", recording, "--json", "--quiet",
            "--wh", "2.5", "--bf", "0.5", "--input-gain-db", "6");
        Assert.True(child.WaitForExit(Patience + TimeSpan.FromSeconds(3)), child.Output);
        _output.WriteLine(child.Output);
        Assert.Equal(0, child.ExitCode);

        using var json = JsonDocument.Parse(child.Output[child.Output.IndexOf('{')..(child.Output.LastIndexOf('}') + 1)]);
        var s = json.RootElement;
        _output.WriteLine($"xruns {s.GetProperty("xruns").GetInt64()} (reported, not asserted); JACK log:\n{jack.Log}");
        Assert.Equal("playing", s.GetProperty("state").GetString());
        Assert.True(s.GetProperty("steadyCallbacks").GetInt64() > 1000, "played well past warm-up");
        Assert.Equal(0, s.GetProperty("steadyGarbageCollections").GetInt64());
        // The run hosts the control plane: the preset library's 500 ms rescan of its folder (Presets/PresetLibrary.cs,
        // PeriodicCheck) allocates about 100 bytes a check (measured: 0 bytes with that timer off). Until it is
        // allocation-free, bound it: far below what would bring a collection (none happened, asserted above).
        long steadyBytes = s.GetProperty("steadyBytesAllocated").GetInt64();
        _output.WriteLine($"steady bytes allocated: {steadyBytes}");
        Assert.True(steadyBytes < 64 * 1024, $"{steadyBytes} bytes allocated in steady state");
        Assert.Equal(0, s.GetProperty("lateCallbacks").GetInt64());
        Assert.Equal(0, s.GetProperty("callbackFaults").GetInt64());
        Assert.Equal(0, s.GetProperty("recorderDroppedSamples").GetInt64());

        // The same file through a fresh chain offline, padded with the chain's latency and aligned like render.
        var settings = PedalSettings.Defaults;
        settings[ParameterId.Wh] = 2.5f;
        settings[ParameterId.Bf] = 0.5f;
        settings[ParameterId.InputGainDb] = 6f;
        var chain = new PedalChain(new ChainOptions());
        chain.Prepare(48000, 1024);
        chain.SetAll(settings, immediate: true);
        int latency = chain.LatencySamples;
        var expected = guitar.Concat(new float[latency]).ToArray();
        for (int i = 0; i < expected.Length; i += 1024)
        {
            chain.Process(expected.AsSpan(i, Math.Min(1024, expected.Length - i)));
        }

        using var reader = new WaveFileReader(recording);
        var recorded = new float[reader.SampleCount];
        int n = reader.ToSampleProvider().Read(recorded.AsSpan());
        Assert.True(n >= guitar.Length, $"the recording ({n} samples) covers the file ({guitar.Length})");
        for (int i = 0; i < guitar.Length; i++)
        {
            if (expected[latency + i] != recorded[i])
            {
                Assert.Fail($"sample {i}: recorded {recorded[i]:R}, offline {expected[latency + i]:R}");
            }
        }

        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_missing_JACK_server_is_a_fault_logged_once_and_the_service_plays_as_soon_as_the_server_appears()
    {
        string name = "gptest-late-" + Guid.NewGuid().ToString("N")[..8];
        using var child = new ChildProcess(name, "run", "--device", "system", "--frames", "64");
        Assert.True(child.WaitForLine("Audio fault: audio device \"system\" not found", Patience), child.Output);
        Assert.True(child.WaitForLine("Application started", Patience), child.Output); // ready although faulty: the LED shows it

        using var jack = new JackServer(framesPerPeriod: 64, name: name);
        Assert.True(child.WaitForLine("is back: playing again", Patience), child.Output);
        Assert.True(child.WaitForLine("Audio thread", Patience), child.Output);

        jack.Kill();
        Assert.True(child.WaitForLine("went away", Patience), child.Output);

        child.Terminate();
        Assert.True(child.WaitForExit(Patience), child.Output);
        Assert.Equal(0, child.ExitCode);
        var output = child.Output;
        Assert.Equal(1, Count(output, "\"system\" not found")); // logged once, however many retries
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A plucked-string-like test signal: decaying harmonics of a few notes plus a little noise.</summary>
    internal static float[] Riff(int n)
    {
        var random = new Random(11);
        var notes = new[] { 82.41, 110.0, 146.83, 110.0 };
        var x = new float[n];
        int noteLength = n / notes.Length;
        for (int i = 0; i < n; i++)
        {
            int k = Math.Min(i / noteLength, notes.Length - 1);
            double t = (i - k * noteLength) / 48000.0;
            double env = Math.Exp(-t * 3);
            double v = 0;
            for (int h = 1; h <= 5; h++)
            {
                v += Math.Sin(2 * Math.PI * notes[k] * h * t) / h;
            }

            x[i] = (float)(0.4 * env * v + 0.002 * (random.NextDouble() - 0.5));
        }

        return x;
    }
}
