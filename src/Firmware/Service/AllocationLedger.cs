using System.Diagnostics;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// The process's garbage-collector figures as <c>status</c> reports them: collections and bytes allocated since the
/// stream started and since the statistics reached steady state. Allocation-free; one writer (the supervisor), any
/// number of readers.
/// </summary>
/// <remarks>
/// Two readings of the bytes, because the exact one is not free. <see cref="GC.GetTotalAllocatedBytes(bool)"/> with
/// <c>precise: true</c> suspends every managed thread to read their allocation contexts, the audio callback's
/// included, and the suspension lasts until the slowest thread reaches a safe point. Taken on every 50 ms tick (as it
/// was until 2026-12-03), it paused the process 20 times a second: 33 µs median, about 1 ms at the 99th percentile and
/// up to 15 ms at worst on this 2-core machine with two busy processes beside the pedal (EventPipe, 3 600 and 5 000
/// suspensions; docs/allocation.md). So the
/// supervisor's tick (<see cref="Sample"/>) takes only the approximate counter (no suspension; it moves in steps of an
/// allocation context, about 8 KB, when a thread needs a new one), and the exact count is taken at the stream's start,
/// at steady state, and when an occasional reader asks for it (<c>status</c>, the end of a run).
/// <para>For a while the pauses were put back: without them a booted pedal was killed by <c>LimitRTTIME</c> when its
/// ALSA card went away: PortAudio's audio thread stops blocking then, and the pauses, most likely, had been making it
/// block by accident. The unit's soft
/// limit and <see cref="RealtimeOverrunGuard"/> now handle that spin on purpose.</para>
/// </remarks>
internal sealed class AllocationLedger
{
    private long _collectionsAtStart;
    private long _exactAtStart;
    private long _approximateAtStart;
    private long _collectionsAtSteady = -1;
    private long _exactAtSteady;
    private long _approximateAtSteady;
    private long _streamStartTimestamp;
    private long _steadyTimestamp;
    private long _collectionsLatest;
    private long _approximateLatest;

    /// <summary>Starts a stream's ledger with an empty young generation: a full, compacting collection (so what
    /// start-up allocated, the host, presets and warm-up, does not use up the budget that the occasional work of a
    /// whole gig may spend without a collection), then the baselines. Call just before the stream starts.</summary>
    public void BeginStream()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Interlocked.Exchange(ref _collectionsAtSteady, -1);
        long collections = Collections();
        long approximate = GC.GetTotalAllocatedBytes(false);
        Interlocked.Exchange(ref _collectionsAtStart, collections);
        Interlocked.Exchange(ref _exactAtStart, GC.GetTotalAllocatedBytes(true));
        Interlocked.Exchange(ref _approximateAtStart, approximate);
        Interlocked.Exchange(ref _collectionsLatest, collections);
        Interlocked.Exchange(ref _approximateLatest, approximate);
        Interlocked.Exchange(ref _streamStartTimestamp, Stopwatch.GetTimestamp());
    }

    /// <summary>Takes the counters that cost nothing to read (the supervisor's tick): the collections and the
    /// approximate bytes. Never suspends the runtime.</summary>
    public void Sample()
    {
        Interlocked.Exchange(ref _approximateLatest, GC.GetTotalAllocatedBytes(false));
        Interlocked.Exchange(ref _collectionsLatest, Collections());
    }

    /// <summary>Marks the start of steady state (the real-time statistics left their warm-up): one exact reading.</summary>
    public void MarkSteady()
    {
        Interlocked.Exchange(ref _exactAtSteady, GC.GetTotalAllocatedBytes(true));
        Interlocked.Exchange(ref _approximateAtSteady, GC.GetTotalAllocatedBytes(false));
        Interlocked.Exchange(ref _steadyTimestamp, Stopwatch.GetTimestamp());
        Interlocked.Exchange(ref _collectionsAtSteady, Collections());
    }

    /// <summary>The figures; zeros when not <paramref name="playing"/>, and the steady ones zero before steady state.</summary>
    /// <param name="playing">Whether the stream plays.</param>
    /// <param name="exact">True: count the bytes exactly now (suspends every managed thread for a moment: for
    /// occasional readers only); false: the approximate count as of the last tick (at most 50 ms old).</param>
    public AllocationFigures Read(bool playing, bool exact)
    {
        if (!playing)
        {
            return default;
        }

        long collections = exact ? Collections() : Interlocked.Read(ref _collectionsLatest);
        long bytes = exact ? GC.GetTotalAllocatedBytes(true) : Interlocked.Read(ref _approximateLatest);
        long collectionsAtSteady = Interlocked.Read(ref _collectionsAtSteady);
        bool steady = collectionsAtSteady >= 0;
        long bytesAtStart = Interlocked.Read(ref exact ? ref _exactAtStart : ref _approximateAtStart);
        long bytesAtSteady = Interlocked.Read(ref exact ? ref _exactAtSteady : ref _approximateAtSteady);
        return new AllocationFigures(
            collections - Interlocked.Read(ref _collectionsAtStart),
            bytes - bytesAtStart,
            steady ? collections - collectionsAtSteady : 0,
            steady ? bytes - bytesAtSteady : 0,
            steady ? Stopwatch.GetElapsedTime(Interlocked.Read(ref _steadyTimestamp)).TotalSeconds : 0,
            Stopwatch.GetElapsedTime(Interlocked.Read(ref _streamStartTimestamp)).TotalSeconds,
            exact);
    }

    private static long Collections() => GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
}
