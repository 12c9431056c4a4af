using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Firmware.Midi;

/// <summary>
/// The last <see cref="Capacity"/> MIDI messages with a sequence number and time, for <c>gru-pedal midi monitor</c>,
/// which polls it over the socket ("everything after sequence n"). Written on the control thread, read on the
/// socket's: a spin lock held for a few copies (not <see cref="Lock"/> or a monitor: the first time one of those is
/// contended it allocates its wait event, a few hundred bytes on whichever thread meets it); allocation-free on both
/// sides.
/// </summary>
public sealed class MidiMonitor
{
    /// <summary>Messages kept.</summary>
    public const int Capacity = 256;

    private readonly MidiMessage[] _messages = new MidiMessage[Capacity];
    private readonly long[] _times = new long[Capacity];
    private SpinLock _gate = new(false);
    private long _next = 1; // sequence number of the next message; written under the gate, read without it

    /// <summary>The sequence number the next message will get (1 before the first).</summary>
    public long Next => Interlocked.Read(ref _next);

    /// <summary>Records a message at <paramref name="timestamp"/>.</summary>
    public void Add(in MidiMessage message, long timestamp)
    {
        var taken = false;
        try
        {
            _gate.Enter(ref taken);
            var i = (int)(_next % Capacity);
            _messages[i] = message;
            _times[i] = timestamp;
            Interlocked.Increment(ref _next);
        }
        finally
        {
            if (taken)
            {
                _gate.Exit(false);
            }
        }
    }

    /// <summary>Copies the messages with sequence numbers from <paramref name="since"/> on (at most the destination's length,
    /// oldest first, and only those still kept); returns how many, and the first copied's sequence number.</summary>
    public int CopySince(long since, Span<MidiMessage> messages, Span<long> times, out long first)
    {
        var taken = false;
        try
        {
            _gate.Enter(ref taken);
            first = Math.Min(Math.Max(Math.Max(since, 1), _next - Capacity), _next);
            var n = (int)Math.Clamp(_next - first, 0, Math.Min(messages.Length, times.Length));
            for (var k = 0; k < n; k++)
            {
                var i = (int)((first + k) % Capacity);
                messages[k] = _messages[i];
                times[k] = _times[i];
            }

            return n;
        }
        finally
        {
            if (taken)
            {
                _gate.Exit(false);
            }
        }
    }
}
