using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Tests.Control;
using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Firmware.Tests.Midi;

public sealed class MidiAllocationTests
{
    [Fact]
    public void A_sweep_of_10000_control_changes_allocates_nothing_on_the_midi_thread_or_the_control_thread()
    {
        // The MIDI thread parses raw bytes (as the serial input does) and queues the messages; the control thread
        // (this test's) ticks the real surface, which maps them (taper, takeover), changes the pedal, re-arms the knobs
        // and records them for `midi monitor`. Both count their own bytes.
        using var rig = new SurfaceRig(ConfigLoader.Parse(
            """{ "midi": { "cc": { "11": "drive", "7": "level", "64": "bypass", "20": "next-preset" } }, "takeover": "jump" }""", "t.json"));
        rig.Recording = false;
        var inbox = rig.Surface.Inbox!;

        long Sweep(int messages, int offset)
        {
            // Runs the MIDI thread for `messages` messages and ticks until the control thread has taken them all.
            long midiBytes = -1;
            var start = inbox.Received;
            var monitor = rig.Surface.Monitor!;
            var handledBefore = monitor.Next;
            long InFlight() => inbox.Received - start - (monitor.Next - handledBefore); // queued, not yet handled
            var producer = new Thread(() =>
            {
                var parser = new MidiParser();
                Span<byte> bytes = stackalloc byte[3];
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < messages; i++)
                {
                    var k = i + offset;
                    var phase = k % 254;
                    var value = phase < 127 ? phase : 253 - phase;
                    var cc = (k % 50) switch { 0 => 64, 1 => 20, _ => k % 2 == 0 ? 11 : 7 };
                    bytes[0] = 0xB0;
                    bytes[1] = (byte)cc;
                    bytes[2] = (byte)value;
                    foreach (var b in bytes)
                    {
                        if (parser.Push(b, out var m))
                        {
                            while (InFlight() > 900)
                            {
                                Thread.SpinWait(20); // leave the control thread room
                            }

                            inbox.OnMidi(m, 0);
                        }
                    }
                }

                midiBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            });
            var controlBefore = GC.GetAllocatedBytesForCurrentThread();
            producer.Start();
            var interval = rig.Surface.ScanInterval;
            var changes = rig.Pedal.ParameterChanges;
            while (producer.IsAlive || InFlight() > 0)
            {
                rig.Clock.Advance(interval);
                rig.Surface.Tick();
            }

            var controlBytes = GC.GetAllocatedBytesForCurrentThread() - controlBefore;
            producer.Join();
            Assert.Equal(0, inbox.Dropped);
            Assert.True(rig.Pedal.ParameterChanges - changes > messages / 2, "the sweep changed the parameters");
            return midiBytes + controlBytes * 1_000_000; // both zero: 0; either not: visible
        }

        Sweep(10_000, 0); // warm-up: JIT and tiering, first-time paths, the set list wrapping round more than once
        var loads = rig.Pedal.PresetLoads;
        var bypass = rig.Pedal.BypassChanges;
        Assert.Equal(0, Sweep(10_000, 10_000));
        Assert.True(rig.Pedal.PresetLoads - loads >= 20, "next-preset CCs loaded presets");
        Assert.True(rig.Pedal.BypassChanges - bypass >= 20, "bypass CCs switched");
    }
}
