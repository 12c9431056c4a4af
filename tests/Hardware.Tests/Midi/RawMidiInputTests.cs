using System.Collections.Concurrent;
using System.Diagnostics;
using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Hardware.Tests.Midi;

public sealed class RawMidiInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gru-midi-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private sealed class Sink : IMidiSink
    {
        public BlockingCollection<MidiMessage> Messages { get; } = [];

        public void OnMidi(in MidiMessage message, long timestamp) => Messages.Add(message);
    }

    private static void MkFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void A_controller_that_goes_away_is_reported_once_and_picked_up_again_when_it_returns()
    {
        // A FIFO stands in for the device: closing the writer is the cable pulled out (end of stream), a new writer
        // is the controller plugged in again. The retry interval is short so the test does not wait.
        var path = Path.Combine(_dir, "midi");
        MkFifo(path);
        var sink = new Sink();
        var states = new BlockingCollection<bool>();
        using var input = new RawMidiInput(path, sink) { RetryInterval = TimeSpan.FromMilliseconds(20) };
        input.StateChanged += (up, _) => states.Add(up);
        input.Start();

        using (var writer = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            writer.Write([0xB0, 11, 64, 0xF8, 0xC0, 3]);
            writer.Flush();
            Assert.True(sink.Messages.TryTake(out var cc, TimeSpan.FromSeconds(5)));
            Assert.Equal(MidiMessage.ControlChange(0, 11, 64), cc);
            Assert.True(sink.Messages.TryTake(out var pc, TimeSpan.FromSeconds(5)));
            Assert.Equal(MidiMessage.ProgramChange(0, 3), pc);
        }

        Assert.True(states.TryTake(out var first, TimeSpan.FromSeconds(5)) && first);
        Assert.True(states.TryTake(out var gone, TimeSpan.FromSeconds(5)));
        Assert.False(gone);

        // Away for a while: reported once, not once per retry.
        Assert.False(states.TryTake(out _, TimeSpan.FromMilliseconds(200)));

        using (var writer = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            writer.Write([0xB0, 7, 100]);
            writer.Flush();
            Assert.True(sink.Messages.TryTake(out var again, TimeSpan.FromSeconds(5)));
            Assert.Equal(MidiMessage.ControlChange(0, 7, 100), again);
        }

        Assert.True(states.TryTake(out var back, TimeSpan.FromSeconds(5)) && back);
    }

    [Fact]
    public void A_device_that_is_not_there_is_reported_once_and_opened_when_it_appears()
    {
        var path = Path.Combine(_dir, "ttyMIDI");
        var sink = new Sink();
        var states = new BlockingCollection<(bool Up, string? Why)>();
        using var input = new RawMidiInput(path, sink) { RetryInterval = TimeSpan.FromMilliseconds(20) };
        input.StateChanged += (up, why) => states.Add((up, why));
        input.Start();
        Assert.True(states.TryTake(out var missing, TimeSpan.FromSeconds(5)));
        Assert.False(missing.Up);
        Assert.Contains("ttyMIDI", missing.Why);
        Assert.False(states.TryTake(out _, TimeSpan.FromMilliseconds(200))); // once

        MkFifo(path);
        using var writer = new FileStream(path, FileMode.Open, FileAccess.Write);
        writer.Write([0xC5, 9]);
        writer.Flush();
        Assert.True(sink.Messages.TryTake(out var pc, TimeSpan.FromSeconds(5)));
        Assert.Equal(MidiMessage.ProgramChange(5, 9), pc);
        Assert.True(states.TryTake(out var up, TimeSpan.FromSeconds(5)) && up.Up);
    }
}
