using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Firmware.Midi;

/// <summary>
/// The MIDI messages on their way from the inputs' threads (ALSA sequencer, serial, a scenario) to the control
/// thread: a preallocated ring guarded by a spin lock (several producers, one consumer; never the audio thread; a
/// spin lock, because a contended monitor lock allocates its wait event).
/// When full the oldest messages are kept and new ones dropped and counted. Every enqueue raises
/// <see cref="Wake"/> so the control loop acts at once. Allocation-free.
/// </summary>
public sealed class MidiInbox : IMidiSink
{
    private readonly MidiMessage[] _messages;
    private readonly long[] _times;
    private SpinLock _gate = new(false);
    private readonly int _mask;
    private long _head;
    private long _tail;
    private long _received;
    private long _dropped;
    private int _last;

    /// <summary>Creates an inbox.</summary>
    /// <param name="capacity">A power of two, 2..65536.</param>
    public MidiInbox(int capacity = 1024)
    {
        if (capacity < 2 || capacity > 65536 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a power of two, 2..65536");
        }

        _messages = new MidiMessage[capacity];
        _times = new long[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Called after every enqueue (set by the control surface to wake its loop).</summary>
    public Action? Wake { get; set; }

    /// <summary>Messages received (all channels).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages dropped because the control thread fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The last message received (<see cref="MidiMessage.Kind"/> None before the first).</summary>
    public MidiMessage Last => MidiMessage.Unpack(Volatile.Read(ref _last));

    /// <inheritdoc />
    public void OnMidi(in MidiMessage message, long timestamp)
    {
        Interlocked.Increment(ref _received);
        Volatile.Write(ref _last, message.Pack());
        var taken = false;
        try
        {
            _gate.Enter(ref taken);
            if (_head - _tail > _mask)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            var i = (int)(_head & _mask);
            _messages[i] = message;
            _times[i] = timestamp;
            _head++;
        }
        finally
        {
            if (taken)
            {
                _gate.Exit(false);
            }
        }

        Wake?.Invoke();
    }

    /// <summary>Consumer: the oldest message, if any.</summary>
    public bool TryDequeue(out MidiMessage message, out long timestamp)
    {
        var taken = false;
        try
        {
            _gate.Enter(ref taken);
            if (_tail == _head)
            {
                message = default;
                timestamp = 0;
                return false;
            }

            var i = (int)(_tail & _mask);
            message = _messages[i];
            timestamp = _times[i];
            _tail++;
            return true;
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
