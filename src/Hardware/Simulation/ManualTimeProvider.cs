namespace GruPedalPi.Hardware.Simulation;

/// <summary>
/// A virtual clock that moves only when told: the simulator and the tests step the control surface on it,
/// deterministically and as fast as they can. Timestamps are in 100 ns ticks. Timers are not supported
/// (the control surface is stepped, not timed, on virtual time). Thread-safe.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _start;
    private long _elapsedTicks;

    /// <summary>Creates a clock at 2025-01-01 00:00 UTC (or <paramref name="start"/>), elapsed zero.</summary>
    public ManualTimeProvider(DateTimeOffset? start = null) =>
        _start = start ?? new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time since the clock was created.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _start + Elapsed;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "time does not go back");
        }

        Interlocked.Add(ref _elapsedTicks, delta.Ticks);
    }

    /// <summary>Sets the elapsed time (never backwards).</summary>
    public void SetElapsed(TimeSpan elapsed)
    {
        if (elapsed.Ticks < Interlocked.Read(ref _elapsedTicks))
        {
            throw new ArgumentOutOfRangeException(nameof(elapsed), "time does not go back");
        }

        Interlocked.Exchange(ref _elapsedTicks, elapsed.Ticks);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("ManualTimeProvider has no timers: step the code under test instead");
}
