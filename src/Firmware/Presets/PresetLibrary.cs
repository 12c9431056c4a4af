using System.IO.Enumeration;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Interop;
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
/// </summary>
public sealed class PresetLibrary : IDisposable
{
    /// <summary>The folder of preset files inside the data folder.</summary>
    public const string PresetsFolderName = "presets";

    private static readonly EnumerationOptions FingerprintOptions = new() { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 };
    private static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DefaultRescan = TimeSpan.FromMilliseconds(500);
    private const int PresetsFolder = 0;
    private const int DataFolder = 1;

    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, UserFile> _files = new(StringComparer.Ordinal);
    private readonly PresetNavigator _navigator = new();

    private FileStamp _setListStamp;
    private List<string>? _setList;
    private PresetError? _setListError;

    private Dictionary<string, PresetEntry> _byName = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<PresetEntry> _entries = [];
    private IReadOnlyList<PresetFileProblem> _problems = [];

    private FolderWatcher? _watcher;
    private bool _watching;
    private ITimer? _debounceTimer;
    private ITimer? _rescanTimer;
    private TimeSpan _debounce = DefaultDebounce;
    private TimeSpan _rescanPeriod = DefaultRescan;
    private long _fingerprint;
    private FileInfo? _setListInfo;
    private bool _disposed;

    /// <summary>Opens the library of a data folder and reads it once. The folder need not exist.</summary>
    /// <param name="dataDirectory">The data folder (<c>/var/lib/gru-pedal</c> on the Pi).</param>
    /// <param name="logger">Where bad files are reported; null for none.</param>
    /// <param name="timeProvider">The clock for debouncing and rescans; null for the system clock.</param>
    public PresetLibrary(string dataDirectory, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        PresetsDirectory = Path.Combine(DataDirectory, PresetsFolderName);
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        lock (_gate)
        {
            ScanLocked(settle: false);
            RebuildLocked();
        }
    }

    /// <summary>Raised (on a worker thread) after the presets or the set list changed, from any cause.</summary>
    public event Action? Changed;

    /// <summary>The data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The folder of user preset files.</summary>
    public string PresetsDirectory { get; }

    /// <summary>The set list for the footswitch: prebuilt steps, allocation-free stepping.</summary>
    public PresetNavigator Navigator => _navigator;

    /// <summary>Every preset, factory ones first in factory order, then the user's by name.</summary>
    public IReadOnlyList<PresetEntry> Presets
    {
        get
        {
            lock (_gate)
            {
                return _entries;
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
                return _problems;
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
                return new SetListSnapshot((IReadOnlyList<string>?)_setList?.ToArray() ?? DefaultSetList(), _setList is null, _setListError);
            }
        }
    }

    /// <summary>Finds a preset by name (ignoring case).</summary>
    public bool TryGet(string name, out PresetEntry entry)
    {
        lock (_gate)
        {
            return _byName.TryGetValue(name, out entry!);
        }
    }

    /// <summary>Finds a preset by the characters of its name (ignoring case), without making a string: allocates nothing.</summary>
    public bool TryGet(ReadOnlySpan<char> name, out PresetEntry entry)
    {
        lock (_gate)
        {
            return _byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out entry!);
        }
    }

    /// <summary>Saves a user preset: a new file, or the file that already holds a preset of that name.</summary>
    /// <param name="preset">The preset (its name decides the file; see <see cref="PresetNames"/>).</param>
    /// <param name="replace">False to refuse when a user preset of that name exists (import without --force).</param>
    /// <returns>The file written (in <see cref="PresetsDirectory"/>) and whether a factory preset is now hidden by it.</returns>
    /// <exception cref="PresetLibraryException">invalid_name, exists, io_error.</exception>
    public (string FileName, bool OverridesFactory) Save(Preset preset, bool replace = true)
    {
        CheckName(preset.Name);
        bool changed;
        string fileName;
        lock (_gate)
        {
            var existing = FindUserFile(preset.Name);
            if (existing is not null && !replace)
            {
                throw new PresetLibraryException("exists",
                    $"a user preset named '{_files[existing].Good!.Name}' already exists ({existing}); use --force to replace it");
            }

            fileName = existing ?? FreeFileName(PresetNames.ToFileStem(preset.Name), null);
            WriteUserFile(fileName, preset);
            changed = true;
            RebuildLocked();
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
            var file = FindUserFile(name);
            if (file is null)
            {
                throw FactoryPresets.Find(name) is not null
                    ? new PresetLibraryException("read_only", $"'{name}' is a factory preset; factory presets cannot be deleted")
                    : NotFound(name);
            }

            try
            {
                AtomicFile.Delete(Path.Combine(PresetsDirectory, file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new PresetLibraryException("io_error", $"cannot delete {file}: {ex.Message}");
            }

            _files.Remove(file);
            RebuildLocked();
        }

        Changed?.Invoke();
        return FactoryPresets.Find(name) is not null;
    }

    /// <summary>Renames a user preset (its file follows its new name); set-list entries follow it.</summary>
    /// <exception cref="PresetLibraryException">not_found, read_only, exists, invalid_name, io_error.</exception>
    public void Rename(string from, string to)
    {
        CheckName(to);
        lock (_gate)
        {
            var file = FindUserFile(from);
            if (file is null)
            {
                throw FactoryPresets.Find(from) is not null
                    ? new PresetLibraryException("read_only", $"'{from}' is a factory preset; copy it with `gru-pedal preset save \"{to}\" --from \"{from}\"`")
                    : NotFound(from);
            }

            var other = FindUserFile(to);
            if (other is not null && other != file)
            {
                throw new PresetLibraryException("exists", $"a user preset named '{to}' already exists ({other})");
            }

            var old = _files[file].Good!;
            var stem = PresetNames.ToFileStem(to);
            var target = IsStemOf(file, stem) ? file : FreeFileName(stem, file);
            WriteUserFile(target, old with { Name = to });
            if (target != file)
            {
                try
                {
                    AtomicFile.Delete(Path.Combine(PresetsDirectory, file));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new PresetLibraryException("io_error", $"saved '{to}' as {target} but cannot delete {file}: {ex.Message}");
                }

                _files.Remove(file);
            }

            if (_setList is not null && _setList.Any(n => PresetNames.Same(n, from)))
            {
                var renamed = _setList.Select(n => PresetNames.Same(n, from) ? to : n).ToList();
                WriteSetListLocked(renamed);
            }

            RebuildLocked();
        }

        Changed?.Invoke();
    }

    /// <summary>Replaces the set list. Every name must be a preset.</summary>
    /// <exception cref="PresetLibraryException">not_found, invalid_argument, io_error.</exception>
    public void SetSetList(IReadOnlyList<string> names)
    {
        if (names.Count > SetListFile.MaxEntries)
        {
            throw new PresetLibraryException("invalid_argument", $"a set list may hold at most {SetListFile.MaxEntries} entries");
        }

        lock (_gate)
        {
            var resolved = names.Select(Canonical).ToList();
            WriteSetListLocked(resolved);
            RebuildLocked();
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
            var list = EditableSetList();
            var canonical = Canonical(name);
            at = position ?? list.Count + 1;
            if (at < 1 || at > list.Count + 1)
            {
                throw new PresetLibraryException("invalid_argument", $"position {at} is outside the set list (1..{list.Count + 1})");
            }

            if (list.Count >= SetListFile.MaxEntries)
            {
                throw new PresetLibraryException("invalid_argument", $"a set list may hold at most {SetListFile.MaxEntries} entries");
            }

            list.Insert(at - 1, canonical);
            WriteSetListLocked(list);
            RebuildLocked();
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
            var list = EditableSetList();
            var index = IndexIn(list, nameOrPosition);
            removed = list[index];
            list.RemoveAt(index);
            WriteSetListLocked(list);
            RebuildLocked();
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
            var list = EditableSetList();
            var index = IndexIn(list, nameOrPosition);
            if (toPosition < 1 || toPosition > list.Count)
            {
                throw new PresetLibraryException("invalid_argument", $"position {toPosition} is outside the set list (1..{list.Count})");
            }

            var name = list[index];
            list.RemoveAt(index);
            list.Insert(toPosition - 1, name);
            WriteSetListLocked(list);
            RebuildLocked();
        }

        Changed?.Invoke();
    }

    /// <summary>Starts following changes made behind the library's back (scp, nano): an inotify watch of the presets
    /// folder and of the set list in the data folder, debounced. Reading the events allocates nothing, so a watched
    /// folder costs the playing pedal nothing while nobody edits it; the service's own <c>state.json</c> writes and
    /// temporary files are ignored. When the kernel reports lost events (its queue overflowed) the folder is rescanned.
    /// Where inotify cannot be used (not Linux, the user's watch limit reached, a folder removed), a cheap periodic
    /// check of names, sizes and times takes over (it allocates a little per check). Creates the data and presets
    /// folders when they are missing.</summary>
    /// <param name="debounce">How long a file must stay unchanged before it is read (partial writes); default 200 ms.</param>
    /// <param name="rescanInterval">The period of the fallback check (without inotify only); default 500 ms.</param>
    public void StartWatching(TimeSpan? debounce = null, TimeSpan? rescanInterval = null)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_watching)
            {
                return;
            }

            _watching = true;
            Directory.CreateDirectory(PresetsDirectory);
            _debounce = debounce ?? DefaultDebounce;
            _rescanPeriod = rescanInterval ?? DefaultRescan;
            _debounceTimer = _time.CreateTimer(_ => Rescan(settle: true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _fingerprint = Fingerprint();
            var watcher = FolderWatcher.TryCreate(OnFolderEvent, out var reason);
            if (watcher is not null
                && watcher.Add(PresetsDirectory, PresetsFolder, FolderWatcher.FileChanges, out reason)
                && watcher.Add(DataDirectory, DataFolder, FolderWatcher.FileChanges, out reason))
            {
                _watcher = watcher;
                watcher.Start();
            }
            else
            {
                watcher?.Dispose();
                StartPeriodicCheckLocked(reason);
            }
        }

        // Anything that changed between the first read and the watcher's start.
        Rescan(settle: false);
    }

    /// <summary>Reads the folder again now (the watcher does this by itself).</summary>
    public void Refresh() => Rescan(settle: false);

    /// <inheritdoc/>
    public void Dispose()
    {
        FolderWatcher? watcher;
        lock (_gate)
        {
            _disposed = true;
            watcher = _watcher;
            _watcher = null;
            _debounceTimer?.Dispose();
            _rescanTimer?.Dispose();
        }

        watcher?.Dispose(); // outside the lock: its thread may be waiting for it
    }

    private static IReadOnlyList<string> DefaultSetList() => FactoryPresets.All.Select(p => p.Name).ToArray();

    private static void CheckName(string name)
    {
        if (!PresetNames.IsValid(name, out var why))
        {
            throw new PresetLibraryException("invalid_name", why);
        }
    }

    private static PresetLibraryException NotFound(string name) =>
        new("not_found", $"there is no preset named '{name}' (see `gru-pedal preset list`)");

    private static bool IsStemOf(string fileName, string stem)
    {
        var bare = Path.GetFileNameWithoutExtension(fileName);
        if (bare == stem)
        {
            return true;
        }

        return bare.StartsWith(stem + "-", StringComparison.Ordinal) && int.TryParse(bare.AsSpan(stem.Length + 1), out _);
    }

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
                    if (!_disposed && _rescanTimer is null)
                    {
                        StartPeriodicCheckLocked($"the watched folder {(folder == PresetsFolder ? PresetsDirectory : DataDirectory)} was removed or moved");
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
            PresetsDirectory, _rescanPeriod.TotalMilliseconds, reason);
        _rescanTimer ??= _time.CreateTimer(_ => PeriodicCheck(), null, _rescanPeriod, _rescanPeriod);
    }

    /// <summary>The periodic fallback check (the rescan timer calls it): rescans only when a fingerprint of the
    /// folder changed. Internal for the allocation figure.</summary>
    internal void PeriodicCheck()
    {
        long fingerprint;
        try
        {
            lock (_gate)
            {
                if (_disposed)
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

    /// <summary>A hash of the names, sizes and times of the preset files and the set list, without allocating per file.</summary>
    private long Fingerprint()
    {
        long hash = 17;
        if (Directory.Exists(PresetsDirectory))
        {
            var files = new FileSystemEnumerable<long>(PresetsDirectory,
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

        var setList = _setListInfo ??= new FileInfo(Path.Combine(DataDirectory, SetListFile.FileName));
        setList.Refresh();
        if (setList.Exists)
        {
            hash ^= Mix(1, setList.Length, setList.LastWriteTimeUtc.Ticks);
        }

        return hash;
    }

    private static long Mix(int nameHash, long length, long ticks) =>
        unchecked((nameHash * (long)0x9E3779B97F4A7C15UL) ^ (length * 0x51AFD7ED558CCD1L) ^ ticks);

    private void Rescan(bool settle)
    {
        bool changed;
        bool retry;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            (changed, retry) = ScanLocked(settle);
            if (changed)
            {
                RebuildLocked();
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
            Changed?.Invoke();
        }
    }

    private (bool Changed, bool Retry) ScanLocked(bool settle)
    {
        var changed = false;
        var retry = false;
        var now = _time.GetUtcNow().UtcDateTime;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(PresetsDirectory))
        {
            foreach (var path in Directory.EnumerateFiles(PresetsDirectory, "*" + PresetFormat.Extension))
            {
                var fileName = Path.GetFileName(path);
                if (fileName.StartsWith('.'))
                {
                    continue; // hidden and temporary files
                }

                seen.Add(fileName);
                var stamp = FileStamp.Of(path);
                _files.TryGetValue(fileName, out var known);
                if (known is not null && known.Stamp == stamp)
                {
                    continue;
                }

                var age = now - stamp.WriteTimeUtc;
                if (settle && age >= TimeSpan.Zero && age < _debounce)
                {
                    retry = true; // still being written: read it once it has settled
                    continue;
                }

                _files[fileName] = LoadUserFile(path, fileName, stamp, known);
                changed = true;
            }
        }

        foreach (var gone in _files.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _files.Remove(gone);
            _logger.LogInformation("Preset file {File} was removed", gone);
            changed = true;
        }

        var setListPath = Path.Combine(DataDirectory, SetListFile.FileName);
        var setListStamp = FileStamp.Of(setListPath);
        if (setListStamp != _setListStamp)
        {
            var age = now - setListStamp.WriteTimeUtc;
            if (settle && setListStamp.Exists && age >= TimeSpan.Zero && age < _debounce)
            {
                retry = true;
            }
            else
            {
                _setListStamp = setListStamp;
                LoadSetList(setListPath, setListStamp);
                changed = true;
            }
        }

        return (changed, retry);
    }

    private UserFile LoadUserFile(string path, string fileName, FileStamp stamp, UserFile? known)
    {
        PresetError error;
        try
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                error = new PresetError(fileName, 0, 0, "is a symbolic link; copy the preset into the folder instead");
            }
            else if (PresetFormat.TryParse(BoundedFile.Read(path, fileName), fileName, out var preset, out error))
            {
                _logger.LogInformation("Loaded preset '{Name}' from {File}", preset.Name, fileName);
                return new UserFile(stamp, preset, null);
            }
        }
        catch (PresetFormatException ex)
        {
            error = ex.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = new PresetError(fileName, 0, 0, "cannot be read: " + ex.Message);
        }

        if (known?.Good is { } kept)
        {
            _logger.LogError("Preset file {Error}; keeping the last good version of '{Name}'", error.ToString(), kept.Name);
        }
        else
        {
            _logger.LogError("Preset file {Error}; not loaded", error.ToString());
        }

        return new UserFile(stamp, known?.Good, error);
    }

    private void LoadSetList(string path, FileStamp stamp)
    {
        if (!stamp.Exists)
        {
            _setList = null;
            _setListError = null;
            return;
        }

        try
        {
            _setList = SetListFile.Parse(BoundedFile.Read(path, SetListFile.FileName), SetListFile.FileName).ToList();
            _setListError = null;
        }
        catch (PresetFormatException ex)
        {
            _setListError = ex.Error;
            _logger.LogError("Set list {Error}; using the factory order until it is fixed", ex.Error.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _setListError = new PresetError(SetListFile.FileName, 0, 0, "cannot be read: " + ex.Message);
            _logger.LogError("Set list {Error}", _setListError.ToString());
        }

        if (_setListError is not null)
        {
            _setList = null;
        }
    }

    private void RebuildLocked()
    {
        var byName = new Dictionary<string, PresetEntry>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<PresetFileProblem>();
        foreach (var f in FactoryPresets.All)
        {
            byName[f.Name] = new PresetEntry(new Preset(f.Name, f.Settings, f.Notes), PresetOrigin.Factory, null, null);
        }

        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var users = new List<PresetEntry>();
        foreach (var (fileName, file) in _files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (file.Error is not null)
            {
                problems.Add(new PresetFileProblem(fileName, file.Error, file.Good?.Name));
            }

            if (file.Good is not { } preset)
            {
                continue;
            }

            if (owners.TryGetValue(preset.Name, out var owner))
            {
                problems.Add(new PresetFileProblem(fileName,
                    new PresetError(fileName, 0, 0, $"holds the preset name '{preset.Name}', which {owner} already holds; rename one of them"),
                    null));
                continue;
            }

            owners[preset.Name] = fileName;
            var origin = FactoryPresets.Find(preset.Name) is null ? PresetOrigin.User : PresetOrigin.UserOverridesFactory;
            var entry = new PresetEntry(preset, origin, fileName, file.Error);
            byName[preset.Name] = entry;
            users.Add(entry);
        }

        var entries = new List<PresetEntry>(byName.Count);
        foreach (var f in FactoryPresets.All)
        {
            entries.Add(byName[f.Name]);
        }

        entries.AddRange(users.Where(u => u.Origin == PresetOrigin.User).OrderBy(u => u.Preset.Name, StringComparer.OrdinalIgnoreCase));
        if (_setListError is not null)
        {
            problems.Add(new PresetFileProblem(SetListFile.FileName, _setListError, null));
        }

        _byName = byName;
        _entries = entries;
        _problems = problems;
        var lookup = byName;
        _navigator.Rebuild(_setList ?? DefaultSetList(), n => lookup.TryGetValue(n, out var e) ? e.Preset : null, entries.Select(e => e.Preset));
    }

    private string? FindUserFile(string name)
    {
        foreach (var (fileName, file) in _files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (file.Good is { } p && PresetNames.Same(p.Name, name))
            {
                return fileName;
            }
        }

        return null;
    }

    /// <summary>The first of stem.json, stem-2.json, ... that is free (or is <paramref name="allowed"/>).
    /// A file that exists is never taken over: two names mapping to one stem get different files.</summary>
    private string FreeFileName(string stem, string? allowed)
    {
        for (var i = 1; i < 10_000; i++)
        {
            var candidate = (i == 1 ? stem : $"{stem}-{i}") + PresetFormat.Extension;
            if (candidate == allowed)
            {
                return candidate;
            }

            var path = Path.Combine(PresetsDirectory, candidate);
            if (!_files.ContainsKey(candidate) && !File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
            {
                if (i > 1)
                {
                    _logger.LogInformation("File name {Stem}{Ext} is taken; using {File}", stem, PresetFormat.Extension, candidate);
                }

                return candidate;
            }
        }

        throw new PresetLibraryException("io_error", $"no free file name for '{stem}'");
    }

    private void WriteUserFile(string fileName, Preset preset)
    {
        var path = Path.Combine(PresetsDirectory, fileName);
        try
        {
            Directory.CreateDirectory(PresetsDirectory);
            AtomicFile.Write(path, PresetFormat.ToBytes(preset));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PresetLibraryException("io_error", $"cannot write {path}: {ex.Message}");
        }

        _files[fileName] = new UserFile(FileStamp.Of(path), preset, null);
        _logger.LogInformation("Saved preset '{Name}' to {File}", preset.Name, fileName);
    }

    private List<string> EditableSetList()
    {
        if (_setListError is not null)
        {
            throw new PresetLibraryException("bad_setlist",
                $"{_setListError}; fix the file, or replace the whole set list with `gru-pedal setlist set NAME...`");
        }

        return _setList?.ToList() ?? DefaultSetList().ToList();
    }

    private void WriteSetListLocked(List<string> names)
    {
        var path = Path.Combine(DataDirectory, SetListFile.FileName);
        try
        {
            Directory.CreateDirectory(DataDirectory);
            AtomicFile.Write(path, SetListFile.ToBytes(names));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PresetLibraryException("io_error", $"cannot write {path}: {ex.Message}");
        }

        _setList = names;
        _setListError = null;
        _setListStamp = FileStamp.Of(path);
    }

    private string Canonical(string name) =>
        _byName.TryGetValue(name, out var entry) ? entry.Preset.Name : throw NotFound(name);

    private static int IndexIn(List<string> list, string nameOrPosition)
    {
        var index = list.FindIndex(n => PresetNames.Same(n, nameOrPosition));
        if (index >= 0)
        {
            return index;
        }

        if (int.TryParse(nameOrPosition, out var position))
        {
            if (position >= 1 && position <= list.Count)
            {
                return position - 1;
            }

            throw new PresetLibraryException("invalid_argument", $"position {position} is outside the set list (1..{list.Count})");
        }

        throw new PresetLibraryException("not_found", $"'{nameOrPosition}' is not in the set list");
    }

    private sealed record UserFile(FileStamp Stamp, Preset? Good, PresetError? Error);

    private readonly record struct FileStamp(bool Exists, long Length, DateTime WriteTimeUtc)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(true, info.Length, info.LastWriteTimeUtc) : default;
        }
    }
}
