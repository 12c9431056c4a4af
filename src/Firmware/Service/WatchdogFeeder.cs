using System.Diagnostics;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// The thread that sends systemd's WATCHDOG=1 when <see cref="WatchdogPolicy"/> says so, ticking at a quarter of the
/// watchdog interval. Kept apart from the supervisor, whose calls into PortAudio (initialise, open, close) can take
/// seconds: the supervisor only says which phase it is in. Allocation-free once started.
/// </summary>
public sealed class WatchdogFeeder : IDisposable
{
    private readonly SystemdNotifier _notifier;
    private readonly Func<long> _callbacks;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly int _tickMs;
    private Thread? _thread;

    /// <summary>Creates the feeder; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="notifier">Where the pings go.</param>
    /// <param name="policy">When they are due.</param>
    /// <param name="callbacks">Reads the audio callback count (allocation-free).</param>
    public WatchdogFeeder(SystemdNotifier notifier, WatchdogPolicy policy, Func<long> callbacks)
    {
        _notifier = notifier;
        Policy = policy;
        _callbacks = callbacks;
        // PingInterval is half the watchdog interval; tick twice as often.
        _tickMs = (int)Math.Clamp(notifier.PingInterval.TotalMilliseconds / 2, 10, 1000);
    }

    /// <summary>The policy the supervisor drives.</summary>
    public WatchdogPolicy Policy { get; }

    /// <summary>Starts the ticking thread (when systemd asked for a watchdog).</summary>
    public void Start()
    {
        if (_thread is not null || !_notifier.WatchdogEnabled)
        {
            return;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "watchdog" };
        _thread.Start();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Set();
        _thread?.Join();
        _thread = null;
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.Wait(_tickMs))
        {
            if (Policy.ShouldPing(_callbacks(), Stopwatch.GetTimestamp()))
            {
                _notifier.Watchdog();
            }
        }
    }
}
