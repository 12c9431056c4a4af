using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// Keeps <c>state.json</c> (current preset, bypass, every parameter) in step with the running pedal, so that a
/// power cut loses at most <see cref="Interval"/> of knob turning and the pedal boots exactly as it was.
/// Writes are coalesced: a change only marks the state dirty (one volatile store on the thread that made it,
/// the control thread included); a timer writes the latest state at most once per interval, atomically and
/// durably (<see cref="AtomicFile"/>). Turning a knob for a minute costs at most one write per interval.
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

        _onChanged = _ => Volatile.Write(ref _dirty, 1);
        _pedal.Changed += _onChanged;
        _timer = (timeProvider ?? TimeProvider.System).CreateTimer(_ => Tick(), null, Interval, Interval);
    }

    /// <summary>The least time between two writes.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The number of writes of <c>state.json</c> so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Restores the saved state of a data folder into the pedal (call once at boot, before the saver
    /// starts): the preset name and every parameter exactly as saved, then the bypass state. Without a saved
    /// state (or with a bad one, which is logged) the first preset of the set list is loaded.</summary>
    /// <returns>The state restored, or null when the set list's first preset (or nothing) was loaded instead.</returns>
    public static SavedState? Restore(IPedalControl pedal, PresetLibrary library, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        SavedState? state = null;
        try
        {
            state = SavedStateFile.Read(library.DataDirectory);
        }
        catch (PresetFormatException ex)
        {
            logger.LogError("Saved state {Error}; starting from the set list instead", ex.Error.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Saved state cannot be read ({Message}); starting from the set list instead", ex.Message);
        }

        if (state is not null)
        {
            pedal.LoadPreset(state.Preset ?? "", state.Settings, ControlSource.Startup);
            pedal.SetBypass(state.Bypassed, ControlSource.Startup);
            library.Navigator.SyncTo(state.Preset);
            logger.LogInformation("Restored preset '{Preset}' (bypassed: {Bypassed}) from the saved state", state.Preset, state.Bypassed);
            return state;
        }

        if (library.Navigator.TryStepNext(out var first))
        {
            pedal.LoadPreset(first.Name, first.Settings, ControlSource.Startup);
            logger.LogInformation("No saved state: loaded '{Preset}', the first preset of the set list", first.Name);
        }

        return null;
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

    private void Tick()
    {
        if (Volatile.Read(ref _dirty) != 0)
        {
            Flush();
        }
    }
}
