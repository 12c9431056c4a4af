using System.Diagnostics;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// The process's garbage-collector figures as <c>status</c> reports them: collections and bytes allocated since the
/// stream started and since the statistics reached steady state. The supervisor's thread samples the counters on
/// its 50 ms tick (<see cref="Sample"/>); readers get the last sample, so a status request never calls into the GC.
/// Allocation-free; one writer (the supervisor), any number of readers.
/// </summary>
internal sealed class AllocationLedger
{
    private long _collectionsAtStart;
    private long _bytesAtStart;
    private long _collectionsAtSteady = -1;
    private long _bytesAtSteady;
    private long _streamStartTimestamp;
    private long _steadyTimestamp;
    private long _collectionsLatest;
    private long _bytesLatest;

    /// <summary>Starts a stream's ledger with an empty young generation: a full, compacting collection (so what
    /// start-up allocated, the host, presets and warm-up, does not use up the budget that the occasional work of a
    /// whole gig may spend without a collection), then the baselines. Call just before the stream starts.</summary>
    public void BeginStream()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Interlocked.Exchange(ref _collectionsAtSteady, -1);
        long collections = Collections();
        long bytes = GC.GetTotalAllocatedBytes(true);
        Interlocked.Exchange(ref _collectionsAtStart, collections);
        Interlocked.Exchange(ref _bytesAtStart, bytes);
        Interlocked.Exchange(ref _collectionsLatest, collections);
        Interlocked.Exchange(ref _bytesLatest, bytes);
        Interlocked.Exchange(ref _streamStartTimestamp, Stopwatch.GetTimestamp());
    }

    /// <summary>Takes the counters (the supervisor's tick).</summary>
    public void Sample()
    {
        Interlocked.Exchange(ref _bytesLatest, GC.GetTotalAllocatedBytes(true));
        Interlocked.Exchange(ref _collectionsLatest, Collections());
    }

    /// <summary>Marks the start of steady state (the real-time statistics left their warm-up).</summary>
    public void MarkSteady()
    {
        Interlocked.Exchange(ref _bytesAtSteady, GC.GetTotalAllocatedBytes(true));
        Interlocked.Exchange(ref _steadyTimestamp, Stopwatch.GetTimestamp());
        Interlocked.Exchange(ref _collectionsAtSteady, Collections());
    }

    /// <summary>The figures as of the last sample; zeros when not <paramref name="playing"/>, and the steady ones zero
    /// before steady state.</summary>
    public AllocationFigures Read(bool playing)
    {
        if (!playing)
        {
            return default;
        }

        long collections = Interlocked.Read(ref _collectionsLatest);
        long bytes = Interlocked.Read(ref _bytesLatest);
        long collectionsAtSteady = Interlocked.Read(ref _collectionsAtSteady);
        bool steady = collectionsAtSteady >= 0;
        return new AllocationFigures(
            collections - Interlocked.Read(ref _collectionsAtStart),
            bytes - Interlocked.Read(ref _bytesAtStart),
            steady ? collections - collectionsAtSteady : 0,
            steady ? bytes - Interlocked.Read(ref _bytesAtSteady) : 0,
            steady ? Stopwatch.GetElapsedTime(Interlocked.Read(ref _steadyTimestamp)).TotalSeconds : 0,
            Stopwatch.GetElapsedTime(Interlocked.Read(ref _streamStartTimestamp)).TotalSeconds);
    }

    private static long Collections() => GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
}
