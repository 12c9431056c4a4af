using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Latency;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Cli;

/// <summary>
/// `gru-pedal latency`: with a cable from the interface's output to its input, plays a maximum-length sequence at
/// most -20 dBFS several times, records it back, finds each repeat's delay by cross-correlation and prints the round
/// trip split into the buffers PortAudio reports, the rest (converters, driver), and the chain's own latency in each
/// quality. Refuses when no signal comes back.
/// </summary>
internal static class LatencyCommand
{
    private const int MlsOrder = 12; // 4095 samples: 85 ms at 48 kHz

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var device = new Option<string?>("--device") { Description = "Audio device name or a unique part of it (see `gru-pedal devices`); default: the default device" };
        var frames = new Option<int>("--frames") { Description = "Frames per buffer, 16..4096 (under JACK: the server's period)", DefaultValueFactory = _ => 64 };
        var rate = new Option<double>("--rate") { Description = "Sample rate in Hz: 44100, 48000 or 96000", DefaultValueFactory = _ => 48000 };
        var repeats = new Option<int>("--repeats") { Description = "How many times the probe is played, 2..20", DefaultValueFactory = _ => 5 };
        var level = new Option<double>("--level-db") { Description = "Peak level of the probe, -60..-20 dBFS (never louder than -20)", DefaultValueFactory = _ => -20 };
        var inputChannel = new Option<int>("--input-channel") { Description = "Input channel the cable comes back on, 0..31", DefaultValueFactory = _ => 0 };
        var outputChannel = new Option<int>("--output-channel") { Description = "Output channel the probe goes out on, 0..31", DefaultValueFactory = _ => 0 };
        var oversample = new Option<int>("--oversample") { Description = "Oversampling factor for the chain's latency figures: 1, 2, 4 or 8", DefaultValueFactory = _ => 2 };
        var leadIn = new Option<int>("--lead-in-ms") { Description = "Silence before the first probe, 0..10000 ms (time to patch a JACK connection)", DefaultValueFactory = _ => 500 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var command = new Command("latency", "Measure the audio round trip with a cable from output to input (MLS probe at most -20 dBFS, cross-correlation)");
        foreach (var o in new Option[] { device, frames, rate, repeats, level, inputChannel, outputChannel, oversample, leadIn, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(result =>
        {
            int framesPerBuffer = result.GetValue(frames);
            double sampleRate = result.GetValue(rate);
            int count = result.GetValue(repeats);
            double levelDb = result.GetValue(level);
            int inCh = result.GetValue(inputChannel), outCh = result.GetValue(outputChannel), factor = result.GetValue(oversample);
            int leadInMs = result.GetValue(leadIn);
            string? problem =
                framesPerBuffer is < 16 or > 4096 ? $"--frames: {framesPerBuffer} is out of range 16..4096" :
                sampleRate is not (44100 or 48000 or 96000) ? $"--rate: {sampleRate} is not one of 44100, 48000, 96000" :
                count is < 2 or > 20 ? $"--repeats: {count} is out of range 2..20" :
                !(levelDb >= -60 && levelDb <= -20) ? $"--level-db: {levelDb} is out of range -60..-20 (the probe is never louder than -20 dBFS)" :
                inCh is < 0 or > 31 ? $"--input-channel: {inCh} is out of range 0..31" :
                outCh is < 0 or > 31 ? $"--output-channel: {outCh} is out of range 0..31" :
                factor is not (1 or 2 or 4 or 8) ? $"--oversample: {factor} is not one of 1, 2, 4, 8" :
                leadInMs is < 0 or > 10000 ? $"--lead-in-ms: {leadInMs} is out of range 0..10000" : null;
            if (problem is not null)
            {
                Console.Error.WriteLine($"gru-pedal latency: {problem}");
                return 2;
            }

            return Run(result.GetValue(device), framesPerBuffer, sampleRate, count, levelDb, inCh, outCh, factor, leadInMs, result.GetValue(json));
        });
        return command;
    }

    private static int Run(string? deviceName, int frames, double rate, int repeats, double levelDb, int inCh, int outCh, int factor, int leadInMs, bool json)
    {
        var c = CultureInfo.InvariantCulture;
        float amplitude = (float)Math.Pow(10, levelDb / 20);
        var mls = MaximumLengthSequence.Generate(MlsOrder);
        int gap = Math.Max((int)(rate / 4), 8 * frames); // the longest round trip this can find
        int leadIn = (int)(rate * leadInMs / 1000);
        var starts = new int[repeats];
        var play = new float[leadIn + (repeats * (mls.Length + gap)) + gap];
        for (int r = 0; r < repeats; r++)
        {
            starts[r] = leadIn + (r * (mls.Length + gap));
            for (int i = 0; i < mls.Length; i++)
            {
                play[starts[r] + i] = amplitude * mls[i];
            }
        }

        double inputLatencyS, outputLatencyS;
        string device, hostApi;
        var probe = new LatencyProbe(play, inCh, outCh);
        try
        {
            // libjack's "cannot connect to server" lines only when a JACK server is named, as for `devices`.
            using var host = new PortAudioHost(jackDiagnostics: PortAudioHost.JackServerNamed);
            var request = new AudioStreamRequest
            {
                DeviceName = deviceName,
                SampleRateHz = rate,
                FramesPerBuffer = frames,
                InputChannels = inCh + 1,
                OutputChannels = outCh + 1,
            };
            using var stream = host.OpenStream(request, probe);
            device = stream.DeviceName;
            hostApi = stream.HostApi;
            inputLatencyS = stream.InputLatencyS;
            outputLatencyS = stream.OutputLatencyS;
            stream.Start();
            // With --json, standard output is the JSON document alone.
            (json ? Console.Error : Console.Out).WriteLine(string.Create(c, $"gru-pedal latency: stream open on \"{device}\" ({hostApi}), {rate:0} Hz, {frames} frames; probing in {leadInMs} ms"));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds((play.Length / rate) + 10);
            while (!probe.Done && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }

            stream.Stop();
            if (!probe.Done)
            {
                Console.Error.WriteLine($"gru-pedal latency: the stream on \"{device}\" stopped delivering audio before the probe was done");
                return 1;
            }
        }
        catch (DllNotFoundException)
        {
            Console.Error.WriteLine("gru-pedal latency: PortAudio (libportaudio.so.2) is not installed: apt-get install libportaudio2");
            return 1;
        }
        catch (PortAudioException e)
        {
            Console.Error.WriteLine($"gru-pedal latency: {e.Message}");
            return 1;
        }

        var found = RoundTripAnalysis.Analyze(probe.Recording, mls, starts, gap);
        double worst = found.Min(f => f.Correlation);
        if (worst < RoundTripAnalysis.MinCorrelation)
        {
            Console.Error.WriteLine(string.Create(c,
                $"gru-pedal latency: no signal came back on input channel {inCh} of \"{device}\" (best correlation {worst:0.00}, needs {RoundTripAnalysis.MinCorrelation:0.0}): " +
                $"connect output channel {outCh} to input channel {inCh} with a cable (under JACK: jack_connect gru-pedal:out_{outCh} gru-pedal:in_{inCh})"));
            return 1;
        }

        int lag = found[0].Lag;
        if (found.Any(f => Math.Abs(f.Lag - lag) > 1))
        {
            Console.Error.WriteLine($"gru-pedal latency: the repeats came back with different delays ({string.Join(", ", found.Select(f => f.Lag))} samples): the stream dropped or repeated audio (xruns); try more --frames");
            return 1;
        }

        int roundTrip = (int)Math.Round(found.Average(f => f.Lag));
        int buffers = (int)Math.Round((inputLatencyS + outputLatencyS) * rate);
        var chain = new[] { OversamplingQuality.Standard, OversamplingQuality.High, OversamplingQuality.LowLatency }
            .Select(q => (Name: QualityNames.Name(q), Samples: new Oversampler(factor, q).LatencySamples)).ToArray();
        double Ms(double samples) => samples * 1000 / rate;
        if (json)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("device", device);
                w.WriteString("hostApi", hostApi);
                w.WriteNumber("sampleRateHz", rate);
                w.WriteNumber("framesPerBuffer", frames);
                w.WriteNumber("roundTripSamples", roundTrip);
                w.WriteNumber("roundTripMs", Ms(roundTrip));
                w.WriteStartArray("repeatSamples");
                foreach (var f in found)
                {
                    w.WriteNumberValue(f.Lag);
                }

                w.WriteEndArray();
                w.WriteNumber("worstCorrelation", worst);
                w.WriteNumber("inputLatencySamples", inputLatencyS * rate);
                w.WriteNumber("outputLatencySamples", outputLatencyS * rate);
                w.WriteNumber("bufferSamples", buffers);
                w.WriteNumber("restSamples", roundTrip - buffers);
                w.WriteNumber("oversampling", factor);
                w.WriteStartObject("chainLatencySamples");
                foreach (var (name, samples) in chain)
                {
                    w.WriteNumber(name, samples);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            Console.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return 0;
        }

        Console.WriteLine(string.Create(c, $"probe: MLS of {mls.Length} samples at {levelDb:0} dBFS peak, {repeats} repeats; delays {string.Join(" ", found.Select(f => f.Lag))} samples, worst correlation {worst:0.000}"));
        Console.WriteLine(string.Create(c, $"round trip: {roundTrip} samples = {Ms(roundTrip):0.000} ms"));
        Console.WriteLine(string.Create(c, $"  buffers (PortAudio's reported latencies): input {inputLatencyS * rate:0.#} + output {outputLatencyS * rate:0.#} = {buffers} samples ({Ms(buffers):0.000} ms)"));
        Console.WriteLine(string.Create(c, $"  rest (converters, driver, cable): {roundTrip - buffers} samples ({Ms(roundTrip - buffers):0.000} ms)"));
        Console.WriteLine(string.Create(c, $"chain latency at {factor}x: {string.Join(", ", chain.Select(q => $"{q.Name} {q.Samples} samples ({Ms(q.Samples):0.000} ms)"))}"));
        Console.WriteLine(string.Create(c, $"through the pedal (round trip + chain): {string.Join(", ", chain.Select(q => $"{q.Name} {roundTrip + q.Samples} samples ({Ms(roundTrip + q.Samples):0.000} ms)"))}"));
        return 0;
    }
}
