using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// The presets of one data folder: the factory presets, the user's preset files (one JSON file per preset in
/// <c>presets/</c>), and the set list (<c>setlist.json</c>). A user preset of a factory preset's name hides it
/// until it is deleted. Bad files are reported (<see cref="Problems"/>, the log) and never loaded; a file that
/// was good and turns bad keeps its last good version in use. With <see cref="StartWatching"/> the library
/// follows edits made behind its back (scp, nano) within a second: an inotify watch of its folders
/// (<see cref="FolderWatcher"/>: allocation-free while nothing changes), debounced, with a rescan when the kernel
/// reports lost events; where inotify is unavailable, a periodic check instead. Thread-safe: every operation takes one lock (never the audio
/// or control thread's business: they see only <see cref="Navigator"/>'s prebuilt steps).
/// This class is the facade and holds the lock; under it work <see cref="PresetFolderState"/> (the files as last read,
/// and the presets, problems and navigator steps built from them), <see cref="PresetFileNames"/> (which file holds
/// or gets a preset), <see cref="SetListEditor"/> (the set-list edits) and <see cref="PresetFolderMonitor"/> (the
/// watch, the debounce and the periodic check).
/// </summary>
public sealed class PresetLibrary : IDisposable
{
    /// <summary>The folder of preset files inside the data folder.</summary>
    public const string PresetsFolderName = "presets";

    private readonly object _gate = new();
    private readonly PresetFolderState _state;
    private readonly PresetFileNames _names;
    private readonly SetListEditor _setListEditor;
    private readonly PresetFolderMonitor _monitor;
    private bool _disposed;

    /// <summary>Opens the library of a data folder and reads it once. The folder need not exist.</summary>
    /// <param name="dataDirectory">The data folder (<c>/var/lib/gru-pedal</c> on the Pi).</param>
    /// <param name="logger">Where bad files are reported; null for none.</param>
    /// <param name="timeProvider">The clock for debouncing and rescans; null for the system clock.</param>
    public PresetLibrary(string dataDirectory, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        PresetsDirectory = Path.Combine(DataDirectory, PresetsFolderName);
        var log = logger ?? NullLogger.Instance;
        var time = timeProvider ?? TimeProvider.System;
        _state = new PresetFolderState(DataDirectory, PresetsDirectory, log, time);
        _names = new PresetFileNames(_state, log);
        _setListEditor = new SetListEditor(_state);
        _monitor = new PresetFolderMonitor(_gate, _state, log, time, () => Changed?.Invoke());
        lock (_gate)
        {
            _state.ScanLocked(settle: null);
            _state.RebuildLocked();
        }
    }

    /// <summary>Raised (on a worker thread) after the presets or the set list changed, from any cause.</summary>
    public event Action? Changed;

    /// <summary>The data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The folder of user preset files.</summary>
    public string PresetsDirectory { get; }

    /// <summary>The set list for the footswitch: prebuilt steps, allocation-free stepping.</summary>
    public PresetNavigator Navigator => _state.Navigator;

    /// <summary>Every preset, factory ones first in factory order, then the user's by name.</summary>
    public IReadOnlyList<PresetEntry> Presets
    {
        get
        {
            lock (_gate)
            {
                return _state.Entries;
            }
        }
    }

    /// <summary>The files that are not loaded (or whose last good version is used), with why.</summary>
    public IReadOnlyList<PresetFileProblem> Problems
    {
        get
        {
            lock (_gate)
            {
                return _state.Problems;
            }
        }
    }

    /// <summary>The set list now.</summary>
    public SetListSnapshot SetList
    {
        get
        {
            lock (_gate)
            {
                return new SetListSnapshot((IReadOnlyList<string>?)_state.SetList?.ToArray() ?? PresetFolderState.DefaultSetList(),
                    _state.SetList is null, _state.SetListError);
            }
        }
    }

    /// <summary>Finds a preset by name (ignoring case).</summary>
    public bool TryGet(string name, out PresetEntry entry)
    {
        lock (_gate)
        {
            return _state.TryGet(name, out entry);
        }
    }

    /// <summary>Finds a preset by the characters of its name (ignoring case), without making a string: allocates nothing.</summary>
    public bool TryGet(ReadOnlySpan<char> name, out PresetEntry entry)
    {
        lock (_gate)
        {
            return _state.TryGet(name, out entry);
        }
    }

    /// <summary>Saves a user preset: a new file, or the file that already holds a preset of that name.</summary>
    /// <param name="preset">The preset (its name decides the file; see <see cref="PresetNames"/>).</param>
    /// <param name="replace">False to refuse when a user preset of that name exists (import without --force).</param>
    /// <returns>The file written (in <see cref="PresetsDirectory"/>) and whether a factory preset is now hidden by it.</returns>
    /// <exception cref="PresetLibraryException">invalid_name, exists, io_error.</exception>
    public (string FileName, bool OverridesFactory) Save(Preset preset, bool replace = true)
    {
        PresetFileNames.CheckName(preset.Name);
        bool changed;
        string fileName;
        lock (_gate)
        {
            var existing = _names.FindUserFile(preset.Name);
            if (existing is not null && !replace)
            {
                throw new PresetLibraryException(ErrorCodes.Exists,
                    $"a user preset named '{_state.Files[existing].Good!.Name}' already exists ({existing}); use --force to replace it");
            }

            fileName = existing ?? _names.FreeFileName(PresetNames.ToFileStem(preset.Name), null);
            _state.WriteUserFile(fileName, preset);
            changed = true;
            _state.RebuildLocked();
        }

        if (changed)
        {
            Changed?.Invoke();
        }

        return (fileName, FactoryPresets.Find(preset.Name) is not null);
    }

    /// <summary>Deletes a user preset's file. A factory preset of the same name shows again.</summary>
    /// <returns>True when a factory preset of that name is restored.</returns>
    /// <exception cref="PresetLibraryException">not_found, read_only, io_error.</exception>
    public bool Delete(string name)
    {
        lock (_gate)
        {
            var file = _names.FindUserFile(name);
            if (file is null)
            {
                throw FactoryPresets.Find(name) is not null
                    ? new PresetLibraryException(ErrorCodes.ReadOnly, $"'{name}' is a factory preset; factory presets cannot be deleted")
                    : PresetFileNames.NotFound(name);
            }

            try
            {
                AtomicFile.Delete(Path.Combine(PresetsDirectory, file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new PresetLibraryException(ErrorCodes.IoError, $"cannot delete {file}: {ex.Message}");
            }

            _state.ForgetUserFile(file);
            _state.RebuildLocked();
        }

        Changed?.Invoke();
        return FactoryPresets.Find(name) is not null;
    }

    /// <summary>Renames a user preset (its file follows its new name); set-list entries follow it.</summary>
    /// <exception cref="PresetLibraryException">not_found, read_only, exists, invalid_name, io_error.</exception>
    public void Rename(string from, string to)
    {
        PresetFileNames.CheckName(to);
        lock (_gate)
        {
            var file = _names.FindUserFile(from);
            if (file is null)
            {
                throw FactoryPresets.Find(from) is not null
                    ? new PresetLibraryException(ErrorCodes.ReadOnly, $"'{from}' is a factory preset; copy it with `gru-pedal preset save \"{to}\" --from \"{from}\"`")
                    : PresetFileNames.NotFound(from);
            }

            var other = _names.FindUserFile(to);
            if (other is not null && other != file)
            {
                throw new PresetLibraryException(ErrorCodes.Exists, $"a user preset named '{to}' already exists ({other})");
            }

            var old = _state.Files[file].Good!;
            var stem = PresetNames.ToFileStem(to);
            var target = PresetFileNames.IsStemOf(file, stem) ? file : _names.FreeFileName(stem, file);
            _state.WriteUserFile(target, old with { Name = to });
            if (target != file)
            {
                try
                {
                    AtomicFile.Delete(Path.Combine(PresetsDirectory, file));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new PresetLibraryException(ErrorCodes.IoError, $"saved '{to}' as {target} but cannot delete {file}: {ex.Message}");
                }

                _state.ForgetUserFile(file);
            }

            _setListEditor.RenamePreset(from, to);
            _state.RebuildLocked();
        }

        Changed?.Invoke();
    }

    /// <summary>Replaces the set list. Every name must be a preset.</summary>
    /// <exception cref="PresetLibraryException">not_found, invalid_argument, io_error.</exception>
    public void SetSetList(IReadOnlyList<string> names)
    {
        lock (_gate)
        {
            _setListEditor.Set(names);
            _state.RebuildLocked();
        }

        Changed?.Invoke();
    }

    /// <summary>Adds a preset to the set list, at the end or at a 1-based position.</summary>
    /// <exception cref="PresetLibraryException">not_found, invalid_argument, bad_setlist, io_error.</exception>
    public int AddToSetList(string name, int? position = null)
    {
        int at;
        lock (_gate)
        {
            at = _setListEditor.Add(name, position);
            _state.RebuildLocked();
        }

        Changed?.Invoke();
        return at;
    }

    /// <summary>Removes an entry from the set list: by name (its first occurrence) or by 1-based position ("3").</summary>
    /// <returns>The name removed.</returns>
    /// <exception cref="PresetLibraryException">not_found, bad_setlist, io_error.</exception>
    public string RemoveFromSetList(string nameOrPosition)
    {
        string removed;
        lock (_gate)
        {
            removed = _setListEditor.Remove(nameOrPosition);
            _state.RebuildLocked();
        }

        Changed?.Invoke();
        return removed;
    }

    /// <summary>Moves a set-list entry (by name or 1-based position) to a 1-based position.</summary>
    /// <exception cref="PresetLibraryException">not_found, invalid_argument, bad_setlist, io_error.</exception>
    public void MoveInSetList(string nameOrPosition, int toPosition)
    {
        lock (_gate)
        {
            _setListEditor.Move(nameOrPosition, toPosition);
            _state.RebuildLocked();
        }

        Changed?.Invoke();
    }

    /// <summary>Starts following changes made behind the library's back (scp, nano): an inotify watch of the presets
    /// folder and of the set list in the data folder, debounced. Reading the events allocates nothing, so a watched
    /// folder costs the playing pedal nothing while nobody edits it; the service's own <c>state.json</c> writes and
    /// temporary files are ignored. When the kernel reports lost events (its queue overflowed) the folder is rescanned.
    /// Where inotify cannot be used (not Linux, the user's watch limit reached, a folder removed), a cheap periodic
    /// check of names, sizes and times takes over (it allocates a little per check). Creates the data and presets
    /// folders when they are missing. <see cref="PresetFolderMonitor"/> does the watching.</summary>
    /// <param name="debounce">How long a file must stay unchanged before it is read (partial writes); default 200 ms.</param>
    /// <param name="rescanInterval">The period of the fallback check (without inotify only); default 500 ms.</param>
    public void StartWatching(TimeSpan? debounce = null, TimeSpan? rescanInterval = null)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_monitor.StartLocked(debounce, rescanInterval))
            {
                return;
            }
        }

        // Anything that changed between the first read and the watcher's start.
        _monitor.Rescan(settle: false);
    }

    /// <summary>Reads the folder again now (the watcher does this by itself).</summary>
    public void Refresh() => _monitor.Rescan(settle: false);

    /// <inheritdoc/>
    public void Dispose()
    {
        FolderWatcher? watcher;
        lock (_gate)
        {
            _disposed = true;
            watcher = _monitor.StopLocked();
        }

        watcher?.Dispose(); // outside the lock: its thread may be waiting for it
    }

    /// <summary>The periodic fallback check (the rescan timer calls it): rescans only when a fingerprint of the
    /// folder changed. Internal for the allocation figure.</summary>
    internal void PeriodicCheck() => _monitor.PeriodicCheck();
}
