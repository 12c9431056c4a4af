namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// Mutual exclusion for control-plane threads that allocates nothing, not even the first time two threads meet on it.
/// <see cref="System.Threading.Lock"/> allocates its wait event (64 bytes) on its first contention, and a monitor
/// that met a status request on the lock of <see cref="RealtimeStatistics"/> once did exactly that in a 60 s run;
/// under NativeAOT, <c>lock (object)</c> allocates its lock on first contention too. A waiter here spins, then
/// yields and sleeps (<see cref="SpinLock"/>), so hold it only for a few microseconds and never across a blocking
/// call or I/O. Not reentrant. The audio thread never takes one.
/// </summary>
/// <example><code>using (_gate.Enter()) { ... }</code></example>
public sealed class SpinGate
{
    private SpinLock _lock = new(enableThreadOwnerTracking: false);

    /// <summary>Waits for the gate and holds it until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        bool taken = false;
        _lock.Enter(ref taken);
        return new Scope(this);
    }

    /// <summary>The gate held; disposing it lets the next thread in.</summary>
    public readonly ref struct Scope
    {
        private readonly SpinGate _gate;

        internal Scope(SpinGate gate) => _gate = gate;

        /// <summary>Releases the gate.</summary>
        public void Dispose() => _gate._lock.Exit(useMemoryBarrier: false);
    }
}
