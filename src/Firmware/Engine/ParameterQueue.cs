using System.Runtime.InteropServices;

namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// A bounded, preallocated, lock-free queue of <see cref="ParameterCommand"/>s to the audio thread: any number
/// of producers (control thread, socket), exactly one consumer (the audio callback). Each slot carries a sequence
/// number (Vyukov's bounded queue), so neither side ever takes a lock or allocates, and a full queue makes
/// <see cref="TryEnqueue"/> return false rather than wait.
/// </summary>
public sealed class ParameterQueue
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    private PaddedLong _enqueuePosition;
    private PaddedLong _dequeuePosition;

    /// <summary>Creates a queue holding up to <paramref name="capacity"/> commands (a power of two, 2..65536).</summary>
    public ParameterQueue(int capacity = 256)
    {
        if (capacity < 2 || capacity > 65536 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a power of two, 2..65536");
        }

        _slots = new Slot[capacity];
        _mask = capacity - 1;
        for (int i = 0; i < capacity; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    /// <summary>The number of slots.</summary>
    public int Capacity => _slots.Length;

    /// <summary>Adds a command; false when the queue is full (the consumer is not running or is far behind). Any thread.</summary>
    public bool TryEnqueue(in ParameterCommand command)
    {
        long position = Volatile.Read(ref _enqueuePosition.Value);
        while (true)
        {
            ref var slot = ref _slots[position & _mask];
            long sequence = Volatile.Read(ref slot.Sequence);
            long difference = sequence - position;
            if (difference == 0)
            {
                long observed = Interlocked.CompareExchange(ref _enqueuePosition.Value, position + 1, position);
                if (observed == position)
                {
                    slot.Command = command;
                    Volatile.Write(ref slot.Sequence, position + 1);
                    return true;
                }

                position = observed;
            }
            else if (difference < 0)
            {
                return false;
            }
            else
            {
                position = Volatile.Read(ref _enqueuePosition.Value);
            }
        }
    }

    /// <summary>Takes the oldest command; false when empty. The single consumer only (the audio thread).</summary>
    public bool TryDequeue(out ParameterCommand command)
    {
        long position = _dequeuePosition.Value;
        ref var slot = ref _slots[position & _mask];
        long sequence = Volatile.Read(ref slot.Sequence);
        if (sequence - (position + 1) < 0)
        {
            command = default;
            return false;
        }

        command = slot.Command;
        Volatile.Write(ref slot.Sequence, position + _mask + 1);
        _dequeuePosition.Value = position + 1;
        return true;
    }

    private struct Slot
    {
        public long Sequence;
        public ParameterCommand Command;
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [FieldOffset(64)]
        public long Value;
    }
}
