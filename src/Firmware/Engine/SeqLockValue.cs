using System.Runtime.CompilerServices;

namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// One value published by a single writer (the audio thread) and read by any number of other threads without a lock:
/// a sequence lock. The writer never waits: it bumps the sequence to odd, copies the value and bumps it to even; a
/// reader copies the value between two reads of the sequence and retries when they differ or are odd (it saw a write
/// in progress). Publishing and reading allocate nothing.
/// </summary>
/// <typeparam name="T">A plain value type (no references), so that a torn copy is only ever discarded, never used.</typeparam>
public sealed class SeqLockValue<T>
    where T : unmanaged
{
    private T _value;
    private int _sequence;

    /// <summary>How many values have been published since construction.</summary>
    public int Version => Volatile.Read(ref _sequence) >> 1;

    /// <summary>Publishes <paramref name="value"/> (one writer thread only; wait-free).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(in T value)
    {
        Interlocked.Increment(ref _sequence); // odd: a write is in progress (a full fence before the copy)
        _value = value;
        Interlocked.Increment(ref _sequence); // even: done (a full fence after the copy)
    }

    /// <summary>The last published value (default before the first); any thread. Spins while a write is in
    /// progress, which lasts a few nanoseconds.</summary>
    public T Read()
    {
        var spin = default(SpinWait);
        while (true)
        {
            int before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                T value = _value;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    return value;
                }
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
