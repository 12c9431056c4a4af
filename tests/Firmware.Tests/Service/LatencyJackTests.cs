using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace GruPedalPi.Firmware.Tests.Service;

/// <summary>
/// `gru-pedal latency` on a real JACK server with the dummy backend, through the real PortAudio, with the command's
/// output port connected back to its input port (jack_connect): a loop whose round trip is known from the period.
/// Measured here: two periods, which is also what PortAudio's JACK host API reports as the stream's output latency
/// (input latency 0), so nothing is left over for converters.
/// </summary>
[Collection("JACK service")]
public sealed class LatencyJackTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(32)]
    [InlineData(128)]
    public void The_round_trip_through_a_patched_loop_is_two_periods_exactly(int period)
    {
        using var jack = new JackServer(framesPerPeriod: period);
        using var child = new ChildProcess(jack.Name, "latency", "--device", "system", "--frames", period.ToString(), "--lead-in-ms", "2000", "--json");
        Assert.True(child.WaitForLine("stream open", Patience), child.Output);
        Connect(jack.Name, "gru-pedal:out_0", "gru-pedal:in_0");
        Assert.True(child.WaitForExit(Patience), child.Output);
        output.WriteLine(child.Output);
        Assert.Equal(0, child.ExitCode);
        var text = child.Output;
        using var json = JsonDocument.Parse(text[text.IndexOf('{')..(text.LastIndexOf('}') + 1)]);
        var r = json.RootElement;
        Assert.Equal(2 * period, r.GetProperty("roundTripSamples").GetInt32());
        Assert.All(r.GetProperty("repeatSamples").EnumerateArray(), e => Assert.Equal(2 * period, e.GetInt32()));
        Assert.True(r.GetProperty("worstCorrelation").GetDouble() > 0.99, "the loop is a perfect copy");
        Assert.Equal(2 * period, r.GetProperty("bufferSamples").GetInt32());
        Assert.Equal(0, r.GetProperty("restSamples").GetInt32());
        Assert.Equal(3, r.GetProperty("chainLatencySamples").GetProperty("low-latency").GetInt32());
        Assert.Equal(69, r.GetProperty("chainLatencySamples").GetProperty("standard").GetInt32());
    }

    [Fact]
    public void Without_a_loop_it_refuses_with_a_message_naming_the_missing_cable()
    {
        using var jack = new JackServer(framesPerPeriod: 64);
        using var child = new ChildProcess(jack.Name, "latency", "--device", "system", "--frames", "64", "--lead-in-ms", "0", "--repeats", "2");
        Assert.True(child.WaitForExit(Patience), child.Output);
        Assert.Equal(1, child.ExitCode);
        Assert.Contains("no signal came back on input channel 0 of \"system\"", child.Output);
        Assert.Contains("jack_connect gru-pedal:out_0 gru-pedal:in_0", child.Output);
    }

    private static void Connect(string server, string from, string to)
    {
        var psi = new ProcessStartInfo("jack_connect") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(from);
        psi.ArgumentList.Add(to);
        psi.Environment["JACK_DEFAULT_SERVER"] = server;
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"jack_connect {from} {to}: {err}");
    }
}
