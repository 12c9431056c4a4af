namespace GruPedalPi.Hardware.Controls;

/// <summary>
/// Single-producer single-consumer lock-free ring of GPIO edges: the interrupt callback thread enqueues, the
/// control thread dequeues. Preallocated, allocation-free, never blocks. When full, new edges are dropped and
/// counted; <see cref="LatestLevel"/> always holds the level after the most recent edge, so the debouncer
/// still settles on the right state.
/// </summary>
public sealed class EdgeQueue
{
    private readonly long[] _times;
    private readonly bool[] _levels;
    private readonly int _mask;
    private long _head; // next slot to write (producer)
    private long _tail; // next slot to read (consumer)
    private int _latestLevel = -1;
    private long _dropped;

    /// <summary>Creates a queue.</summary>
    /// <param name="capacity">Number of edges it holds, a power of two, 2..65536.</param>
    public EdgeQueue(int capacity = 256)
    {
        if (capacity < 2 || capacity > 65536 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a power of two, 2..65536");
        }

        _times = new long[capacity];
        _levels = new bool[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Edges dropped because the queue was full.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>The level after the most recent edge enqueued (dropped or not): 1 high, 0 low, -1 none yet.</summary>
    public int LatestLevel => Volatile.Read(ref _latestLevel);

    /// <summary>Producer: adds an edge. False when full (the edge is dropped).</summary>
    /// <param name="timestamp">The edge's time (any monotonic unit the consumer understands).</param>
    /// <param name="high">The level after the edge.</param>
    public bool TryEnqueue(long timestamp, bool high)
    {
        Volatile.Write(ref _latestLevel, high ? 1 : 0);
        var head = _head;
        if (head - Volatile.Read(ref _tail) > _mask)
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        var i = (int)(head & _mask);
        _times[i] = timestamp;
        _levels[i] = high;
        Volatile.Write(ref _head, head + 1);
        return true;
    }

    /// <summary>Consumer: takes the oldest edge. False when empty.</summary>
    public bool TryDequeue(out long timestamp, out bool high)
    {
        var tail = _tail;
        if (tail == Volatile.Read(ref _head))
        {
            timestamp = 0;
            high = false;
            return false;
        }

        var i = (int)(tail & _mask);
        timestamp = _times[i];
        high = _levels[i];
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }
}
