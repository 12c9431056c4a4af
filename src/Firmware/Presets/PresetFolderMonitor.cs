using System.IO.Enumeration;
using GruPedalPi.Firmware.Interop;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// Follows <see cref="PresetLibrary"/>'s folders for edits made behind its back and rescans its
/// <see cref="PresetFolderState"/> when they change: an inotify watch (<see cref="FolderWatcher"/>) of the presets
/// folder and of the data folder, whose events (compared as bytes, allocation-free) only arm a debounce timer; the
/// timer's rescan leaves a file still being written for the next round. Where inotify is unavailable, or a watched
/// folder goes away, a periodic check of a fingerprint (names, sizes and times) takes over. Shares the library's
/// lock: the members named <c>...Locked</c> are called under it, the others take it.
/// </summary>
internal sealed class PresetFolderMonitor
{
    private static readonly EnumerationOptions FingerprintOptions = new() { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 };
    private static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DefaultRescan = TimeSpan.FromMilliseconds(500);
    private const int PresetsFolder = 0;
    private const int DataFolder = 1;

    private readonly object _gate;
    private readonly PresetFolderState _state;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action _changed;

    private FolderWatcher? _watcher;
    private bool _watching;
    private ITimer? _debounceTimer;
    private ITimer? _rescanTimer;
    private TimeSpan _debounce = DefaultDebounce;
    private TimeSpan _rescanPeriod = DefaultRescan;
    private long _fingerprint;
    private FileInfo? _setListInfo;
    private bool _stopped;

    /// <summary>Creates the monitor of a folder's state; it watches nothing until <see cref="StartLocked"/>.</summary>
    /// <param name="gate">The library's lock, which guards <paramref name="state"/>.</param>
    /// <param name="state">The state to rescan.</param>
    /// <param name="logger">Where the fallback to the periodic check is reported.</param>
    /// <param name="time">The clock of the debounce and check timers.</param>
    /// <param name="changed">Called (outside the lock) after a rescan changed the presets or the set list.</param>
    public PresetFolderMonitor(object gate, PresetFolderState state, ILogger logger, TimeProvider time, Action changed)
    {
        _gate = gate;
        _state = state;
        _logger = logger;
        _time = time;
        _changed = changed;
    }

    /// <summary>Starts watching (see <see cref="PresetLibrary.StartWatching"/>): creates the presets folder, the debounce
    /// timer and the inotify watch, or else the periodic check. The caller then rescans once outside the lock, for
    /// what changed before the watch began.</summary>
    /// <returns>False when it was already watching (nothing done).</returns>
    public bool StartLocked(TimeSpan? debounce, TimeSpan? rescanInterval)
    {
        if (_watching)
        {
            return false;
        }

        _watching = true;
        Directory.CreateDirectory(_state.PresetsDirectory);
        _debounce = debounce ?? DefaultDebounce;
        _rescanPeriod = rescanInterval ?? DefaultRescan;
        _debounceTimer = _time.CreateTimer(_ => Rescan(settle: true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _fingerprint = Fingerprint();
        var watcher = FolderWatcher.TryCreate(OnFolderEvent, out var reason);
        if (watcher is not null
            && watcher.Add(_state.PresetsDirectory, PresetsFolder, FolderWatcher.FileChanges, out reason)
            && watcher.Add(_state.DataDirectory, DataFolder, FolderWatcher.FileChanges, out reason))
        {
            _watcher = watcher;
            watcher.Start();
        }
        else
        {
            watcher?.Dispose();
            StartPeriodicCheckLocked(reason);
        }

        return true;
    }

    /// <summary>Stops for good: disposes the timers, and no event, timer or check touches the state again. Hands back
    /// the watcher, to be disposed outside the lock (its thread may be waiting for it).</summary>
    public FolderWatcher? StopLocked()
    {
        _stopped = true;
        var watcher = _watcher;
        _watcher = null;
        _debounceTimer?.Dispose();
        _rescanTimer?.Dispose();
        return watcher;
    }

    /// <summary>Reads the changed files of the folder (see <see cref="PresetFolderState.ScanLocked"/>), rebuilds the
    /// state when something changed and then calls the change callback. Takes the lock.</summary>
    /// <param name="settle">True to leave files still being written (newer than the debounce) for a rescan one
    /// debounce later; false to read everything now.</param>
    public void Rescan(bool settle)
    {
        bool changed;
        bool retry;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            (changed, retry) = _state.ScanLocked(settle ? _debounce : null);
            if (changed)
            {
                _state.RebuildLocked();
            }

            try
            {
                Interlocked.Exchange(ref _fingerprint, Fingerprint());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }

            if (retry)
            {
                _debounceTimer?.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
        }

        if (changed)
        {
            _changed();
        }
    }

    /// <summary>The periodic fallback check (the rescan timer calls it, and <see cref="PresetLibrary.PeriodicCheck"/>
    /// for the allocation figure): rescans only when a fingerprint of the folder changed. Takes the lock.</summary>
    public void PeriodicCheck()
    {
        long fingerprint;
        try
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                fingerprint = Fingerprint();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        if (fingerprint != Interlocked.Read(ref _fingerprint))
        {
            Rescan(settle: true);
        }
    }

    private static long Mix(int nameHash, long length, long ticks) =>
        unchecked((nameHash * (long)0x9E3779B97F4A7C15UL) ^ (length * 0x51AFD7ED558CCD1L) ^ ticks);

    /// <summary>One inotify event, on the watcher's thread. Allocation-free: names are compared as bytes, and a
    /// relevant change only (re)arms the debounce timer.</summary>
    private void OnFolderEvent(int folder, uint mask, ReadOnlySpan<byte> name)
    {
        if ((mask & (InotifyNative.QueueOverflow | InotifyNative.Ignored | InotifyNative.DeleteSelf | InotifyNative.MoveSelf)) != 0)
        {
            if ((mask & InotifyNative.QueueOverflow) == 0)
            {
                // A watched folder went away (or was moved): inotify cannot follow it any more.
                lock (_gate)
                {
                    if (!_stopped && _rescanTimer is null)
                    {
                        StartPeriodicCheckLocked($"the watched folder {(folder == PresetsFolder ? _state.PresetsDirectory : _state.DataDirectory)} was removed or moved");
                    }
                }
            }

            _debounceTimer?.Change(_debounce, Timeout.InfiniteTimeSpan);
            return;
        }

        bool relevant = folder == PresetsFolder
            ? name.EndsWith(".json"u8) && !(name.StartsWith("."u8) && name.EndsWith(".tmp"u8))
            : name.SequenceEqual("setlist.json"u8);
        if (relevant)
        {
            _debounceTimer?.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void StartPeriodicCheckLocked(string? reason)
    {
        _logger.LogWarning("Watching {Folder} by checking it every {Ms:0} ms ({Reason}); without inotify the check allocates a little",
            _state.PresetsDirectory, _rescanPeriod.TotalMilliseconds, reason);
        _rescanTimer ??= _time.CreateTimer(_ => PeriodicCheck(), null, _rescanPeriod, _rescanPeriod);
    }

    /// <summary>A hash of the names, sizes and times of the preset files and the set list, without allocating per file.</summary>
    private long Fingerprint()
    {
        long hash = 17;
        if (Directory.Exists(_state.PresetsDirectory))
        {
            var files = new FileSystemEnumerable<long>(_state.PresetsDirectory,
                (ref FileSystemEntry e) => Mix(string.GetHashCode(e.FileName), e.Length, e.LastWriteTimeUtc.UtcTicks),
                FingerprintOptions)
            {
                ShouldIncludePredicate = (ref FileSystemEntry e) =>
                    !e.IsDirectory && e.FileName.EndsWith(PresetFormat.Extension) && !AtomicFile.IsTemporary(e.FileName),
            };
            foreach (var h in files)
            {
                hash += h; // order-independent
            }
        }

        var setList = _setListInfo ??= new FileInfo(Path.Combine(_state.DataDirectory, SetListFile.FileName));
        setList.Refresh();
        if (setList.Exists)
        {
            hash ^= Mix(1, setList.Length, setList.LastWriteTimeUtc.Ticks);
        }

        return hash;
    }
}
