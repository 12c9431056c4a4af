namespace GruPedalPi.Firmware.Service;

/// <summary>
/// When the service may tell systemd it is alive (WATCHDOG=1), decided apart from any thread or clock so that tests
/// can drive it. Playing: only while the audio callback count moves between two ticks, so a stalled callback (or a
/// stopped process) stops the pings. Recovering (starting, a device gone, reopening, warming up): while the current
/// step began less than the step timeout ago, so a supervisor that keeps retrying stays up and one stuck in a call
/// that never returns is restarted. Stopped: never. Thread-safe; allocation-free.
/// </summary>
public sealed class WatchdogPolicy
{
    private const int Stopped = 0;
    private const int Playing = 1;
    private const int Recovering = 2;

    private readonly long _stepTimeoutTicks;
    private int _phase;
    private long _stepStartTicks;
    private long _lastCallbacks = -1;

    /// <summary>Creates a policy in the stopped phase.</summary>
    /// <param name="stepTimeoutTicks">How long one recovery step may take before the pings stop, in ticks of the caller's
    /// clock (more than 0).</param>
    public WatchdogPolicy(long stepTimeoutTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepTimeoutTicks);
        _stepTimeoutTicks = stepTimeoutTicks;
    }

    /// <summary>The stream plays: pings follow the callback count from now on.</summary>
    public void EnterPlaying(long callbacks)
    {
        Volatile.Write(ref _lastCallbacks, callbacks);
        Volatile.Write(ref _phase, Playing);
    }

    /// <summary>A recovery step (open, warm, release, wait to retry) begins at <paramref name="nowTicks"/>.</summary>
    public void BeginStep(long nowTicks)
    {
        Volatile.Write(ref _stepStartTicks, nowTicks);
        Volatile.Write(ref _phase, Recovering);
    }

    /// <summary>No more pings (stopping, or given up so that systemd restarts the service).</summary>
    public void Stop() => Volatile.Write(ref _phase, Stopped);

    /// <summary>Called once per tick (more often than half the watchdog interval, less often than a callback period):
    /// true when a ping is due.</summary>
    /// <param name="callbacks">The audio callback count now.</param>
    /// <param name="nowTicks">The time now, on the clock given to <see cref="BeginStep"/>.</param>
    public bool ShouldPing(long callbacks, long nowTicks)
    {
        switch (Volatile.Read(ref _phase))
        {
            case Playing:
                long last = Interlocked.Exchange(ref _lastCallbacks, callbacks);
                return callbacks != last;
            case Recovering:
                return nowTicks - Volatile.Read(ref _stepStartTicks) < _stepTimeoutTicks;
            default:
                return false;
        }
    }
}
