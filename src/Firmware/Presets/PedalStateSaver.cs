using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// Keeps <c>state.json</c> (current preset, bypass, every parameter) in step with the running pedal, so that a
/// power cut loses at most <see cref="Interval"/> of knob turning and the pedal boots exactly as it was.
/// Writes are coalesced: a change only marks the state dirty and, if it is not armed yet, arms a one-shot timer
/// (no allocation, on the thread that made it, the control thread included); the timer writes the latest state
/// at most once per interval, atomically and durably (<see cref="AtomicFile"/>). Turning a knob for a minute costs
/// at most one write per interval; an idle pedal has no timer running at all (no thread-pool work while it plays).
/// </summary>
public sealed class PedalStateSaver : IDisposable
{
    /// <summary>The default interval between two writes.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(500);

    private readonly IPedalControl _pedal;
    private readonly string _dataDirectory;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly object _writeGate = new();
    private readonly Action<ControlSource> _onChanged;
    private int _dirty;
    private int _armed;
    private long _writes;
    private bool _disposed;

    /// <summary>Starts saving the pedal's state into a data folder.</summary>
    /// <param name="pedal">The running pedal.</param>
    /// <param name="dataDirectory">The data folder (<c>state.json</c> goes there).</param>
    /// <param name="timeProvider">The clock of the coalescing timer; null for the system clock.</param>
    /// <param name="interval">The least time between two writes (default 500 ms; 10 ms..60 s).</param>
    /// <param name="logger">Where write failures are reported.</param>
    public PedalStateSaver(IPedalControl pedal, string dataDirectory, TimeProvider? timeProvider = null, TimeSpan? interval = null, ILogger? logger = null)
    {
        _pedal = pedal;
        _dataDirectory = dataDirectory;
        _logger = logger ?? NullLogger.Instance;
        Interval = interval ?? DefaultInterval;
        if (Interval < TimeSpan.FromMilliseconds(10) || Interval > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), Interval, "the save interval must be 10 ms..60 s");
        }

        _onChanged = _ =>
        {
            Volatile.Write(ref _dirty, 1);
            Arm();
        };
        _timer = (timeProvider ?? TimeProvider.System).CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _pedal.Changed += _onChanged;
    }

    /// <summary>The least time between two writes.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The number of writes of <c>state.json</c> so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>What the pedal boots with: the saved state of the library's data folder, exactly as saved; without
    /// one (or with a bad one, which is logged) the first preset of the set list, engaged; with an empty set list
    /// the built-in defaults. Reads files only: a service can call it before it builds its audio engine, to start
    /// with the right sound instead of crossfading to it.</summary>
    /// <param name="library">The presets and set list.</param>
    /// <param name="logger">Where a bad state file is reported.</param>
    /// <param name="fromSavedState">True when the state came from <c>state.json</c>.</param>
    public static SavedState BootState(PresetLibrary library, ILogger? logger, out bool fromSavedState)
    {
        logger ??= NullLogger.Instance;
        try
        {
            if (SavedStateFile.Read(library.DataDirectory) is { } saved)
            {
                fromSavedState = true;
                return saved;
            }
        }
        catch (PresetFormatException ex)
        {
            logger.LogError("Saved state {Error}; starting from the set list instead", ex.Error.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Saved state cannot be read ({Message}); starting from the set list instead", ex.Message);
        }

        fromSavedState = false;
        var setList = library.SetList.Names;
        foreach (var name in setList)
        {
            if (library.TryGet(name, out var entry))
            {
                return new SavedState(entry.Preset.Name, false, entry.Preset.Settings);
            }
        }

        return new SavedState(null, false, Dsp.PedalSettings.Defaults);
    }

    /// <summary>The boot state of a data folder (see <see cref="BootState(PresetLibrary, ILogger?, out bool)"/>).</summary>
    public static SavedState BootState(string dataDirectory, ILogger? logger = null)
    {
        using var library = new PresetLibrary(dataDirectory, logger);
        return BootState(library, logger, out _);
    }

    /// <summary>Restores the boot state (<see cref="BootState(PresetLibrary, ILogger?, out bool)"/>) into the pedal: the
    /// preset name and every parameter exactly as saved, then the bypass state, with <see cref="ControlSource.Startup"/>.
    /// When the pedal already plays exactly that (the service started its engine with it), nothing is sent.
    /// Call once at boot, before the saver starts.</summary>
    /// <returns>The state restored from <c>state.json</c>, or null when there was none and the set list's first preset was used.</returns>
    public static SavedState? Restore(IPedalControl pedal, PresetLibrary library, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var state = BootState(library, logger, out var fromSavedState);
        var same = pedal.CurrentPreset == state.Preset && pedal.Bypassed == state.Bypassed && Preset.SameSettings(pedal.Settings, state.Settings);
        if (!same)
        {
            pedal.LoadPreset(state.Preset ?? "", state.Settings, ControlSource.Startup);
            if (pedal.Bypassed != state.Bypassed)
            {
                pedal.SetBypass(state.Bypassed, ControlSource.Startup);
            }
        }

        library.Navigator.SyncTo(state.Preset);
        logger.LogInformation(fromSavedState
            ? "Restored preset '{Preset}' (bypassed: {Bypassed}) from the saved state"
            : "No saved state: starting with '{Preset}' (bypassed: {Bypassed}), the first preset of the set list", state.Preset, state.Bypassed);
        return fromSavedState ? state : null;
    }

    /// <summary>Writes the state now if it changed since the last write (call at shutdown).</summary>
    public void Flush()
    {
        lock (_writeGate)
        {
            if (Interlocked.Exchange(ref _dirty, 0) == 0)
            {
                return;
            }

            var state = new SavedState(_pedal.CurrentPreset, _pedal.Bypassed, _pedal.Settings);
            try
            {
                SavedStateFile.Write(_dataDirectory, state);
                Interlocked.Increment(ref _writes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Volatile.Write(ref _dirty, 1); // try again next time
                _logger.LogError("Cannot save the pedal's state in {Folder}: {Message}", _dataDirectory, ex.Message);
            }
        }
    }

    /// <summary>Stops following the pedal and writes any pending change.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pedal.Changed -= _onChanged;
        _timer.Dispose();
        Flush();
    }

    private void Arm()
    {
        if (Interlocked.CompareExchange(ref _armed, 1, 0) == 0 && !_disposed)
        {
            try
            {
                _timer.Change(Interval, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // stopping: Dispose writes what is pending
            }
        }
    }

    private void Tick()
    {
        Volatile.Write(ref _armed, 0); // a change from now on arms the next write, one interval later
        if (Volatile.Read(ref _dirty) != 0)
        {
            Flush();
        }

        if (Volatile.Read(ref _dirty) != 0)
        {
            Arm(); // the write failed (kept dirty): try again next interval
        }
    }
}
