using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// What <see cref="PresetLibrary"/> knows of its data folder: the user preset files as last read (<see cref="UserFile"/>,
/// each with the <see cref="FileStamp"/> it had then), the set list, and what is built from them with the factory
/// presets: the presets by name, the list of every preset, the problems and the <see cref="Navigator"/>'s steps.
/// <see cref="ScanLocked"/> reads only the files whose stamp changed; a file that was good and turns bad keeps its
/// last good version. Writes made through the library are recorded here, so they are not read back. Not
/// thread-safe: every member is called under the library's lock.
/// </summary>
internal sealed class PresetFolderState
{
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

    /// <summary>Creates the state of a data folder, empty until <see cref="ScanLocked"/> and <see cref="RebuildLocked"/>.</summary>
    /// <param name="dataDirectory">The data folder (full path; the set list is there).</param>
    /// <param name="presetsDirectory">The folder of user preset files.</param>
    /// <param name="logger">Where files loaded, removed and bad are reported.</param>
    /// <param name="time">The clock that tells how long ago a file was written (see <see cref="ScanLocked"/>).</param>
    public PresetFolderState(string dataDirectory, string presetsDirectory, ILogger logger, TimeProvider time)
    {
        DataDirectory = dataDirectory;
        PresetsDirectory = presetsDirectory;
        _logger = logger;
        _time = time;
    }

    /// <summary>The data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The folder of user preset files.</summary>
    public string PresetsDirectory { get; }

    /// <summary>The set list for the footswitch, rebuilt by <see cref="RebuildLocked"/>.</summary>
    public PresetNavigator Navigator => _navigator;

    /// <summary>The user preset files by file name, as last read or written.</summary>
    public IReadOnlyDictionary<string, UserFile> Files => _files;

    /// <summary>Every preset, factory ones first in factory order, then the user's by name (a new list at each rebuild).</summary>
    public IReadOnlyList<PresetEntry> Entries => _entries;

    /// <summary>The files that are not loaded (or whose last good version is used), with why.</summary>
    public IReadOnlyList<PresetFileProblem> Problems => _problems;

    /// <summary>The set list as read or written; null when there is none or it is bad (the factory order is used).</summary>
    public IReadOnlyList<string>? SetList => _setList;

    /// <summary>What is wrong with the set list file; null when it is good or missing.</summary>
    public PresetError? SetListError => _setListError;

    /// <summary>The set list without a set list file: the factory presets in factory order.</summary>
    public static IReadOnlyList<string> DefaultSetList() => FactoryPresets.All.Select(p => p.Name).ToArray();

    /// <summary>Finds a preset by name (ignoring case).</summary>
    public bool TryGet(string name, out PresetEntry entry) => _byName.TryGetValue(name, out entry!);

    /// <summary>Finds a preset by the characters of its name (ignoring case), without making a string: allocates nothing.</summary>
    public bool TryGet(ReadOnlySpan<char> name, out PresetEntry entry) =>
        _byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out entry!);

    /// <summary>Reads the files whose stamp changed (and forgets the removed ones); <see cref="RebuildLocked"/> then
    /// builds the presets from them.</summary>
    /// <param name="settle">When set, a file written less than this long ago is left for later (it may still be
    /// being written) and <c>Retry</c> says so; null to read every changed file now.</param>
    /// <returns>Whether anything changed, and whether a file was left to settle.</returns>
    public (bool Changed, bool Retry) ScanLocked(TimeSpan? settle)
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
                if (settle is { } wait && age >= TimeSpan.Zero && age < wait)
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
            if (settle is { } setListWait && setListStamp.Exists && age >= TimeSpan.Zero && age < setListWait)
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

    /// <summary>Builds the presets by name, the list of every preset, the problems and the navigator's steps from the
    /// factory presets, the user files and the set list.</summary>
    public void RebuildLocked()
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

    /// <summary>Writes a user preset file (atomically, creating the presets folder) and records it as read.</summary>
    /// <exception cref="PresetLibraryException">io_error.</exception>
    public void WriteUserFile(string fileName, Preset preset)
    {
        var path = Path.Combine(PresetsDirectory, fileName);
        try
        {
            Directory.CreateDirectory(PresetsDirectory);
            AtomicFile.Write(path, PresetFormat.ToBytes(preset));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PresetLibraryException(ErrorCodes.IoError, $"cannot write {path}: {ex.Message}");
        }

        _files[fileName] = new UserFile(FileStamp.Of(path), preset, null);
        _logger.LogInformation("Saved preset '{Name}' to {File}", preset.Name, fileName);
    }

    /// <summary>Forgets a user preset file the library deleted.</summary>
    public void ForgetUserFile(string fileName) => _files.Remove(fileName);

    /// <summary>Writes the set list file (atomically, creating the data folder) and records it as read.</summary>
    /// <exception cref="PresetLibraryException">io_error.</exception>
    public void WriteSetListLocked(List<string> names)
    {
        var path = Path.Combine(DataDirectory, SetListFile.FileName);
        try
        {
            Directory.CreateDirectory(DataDirectory);
            AtomicFile.Write(path, SetListFile.ToBytes(names));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PresetLibraryException(ErrorCodes.IoError, $"cannot write {path}: {ex.Message}");
        }

        _setList = names;
        _setListError = null;
        _setListStamp = FileStamp.Of(path);
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
}
