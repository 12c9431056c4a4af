using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// The set-list edits of <see cref="PresetLibrary"/>: replace, add, remove, move, and follow a renamed preset. Each
/// checks its arguments against the set list and the presets of a <see cref="PresetFolderState"/>, stores every name
/// in its preset's own spelling, and writes <c>setlist.json</c> through the state; the library then rebuilds the
/// state and raises its event. A bad set list file is not edited (bad_setlist) but may be replaced. Not
/// thread-safe: called under the library's lock.
/// </summary>
internal sealed class SetListEditor
{
    private readonly PresetFolderState _state;

    /// <summary>Edits the set list of a folder's cached state.</summary>
    public SetListEditor(PresetFolderState state)
    {
        _state = state;
    }

    /// <summary>Replaces the set list. Every name must be a preset.</summary>
    /// <exception cref="PresetLibraryException">not_found, invalid_argument, io_error.</exception>
    public void Set(IReadOnlyList<string> names)
    {
        if (names.Count > SetListFile.MaxEntries)
        {
            throw new PresetLibraryException(ErrorCodes.InvalidArgument, $"a set list may hold at most {SetListFile.MaxEntries} entries");
        }

        var resolved = names.Select(Canonical).ToList();
        _state.WriteSetListLocked(resolved);
    }

    /// <summary>Adds a preset to the set list, at the end or at a 1-based position.</summary>
    /// <returns>The 1-based position it was added at.</returns>
    /// <exception cref="PresetLibraryException">not_found, invalid_argument, bad_setlist, io_error.</exception>
    public int Add(string name, int? position)
    {
        var list = EditableSetList();
        var canonical = Canonical(name);
        var at = position ?? list.Count + 1;
        if (at < 1 || at > list.Count + 1)
        {
            throw new PresetLibraryException(ErrorCodes.InvalidArgument, $"position {at} is outside the set list (1..{list.Count + 1})");
        }

        if (list.Count >= SetListFile.MaxEntries)
        {
            throw new PresetLibraryException(ErrorCodes.InvalidArgument, $"a set list may hold at most {SetListFile.MaxEntries} entries");
        }

        list.Insert(at - 1, canonical);
        _state.WriteSetListLocked(list);
        return at;
    }

    /// <summary>Removes an entry from the set list: by name (its first occurrence) or by 1-based position ("3").</summary>
    /// <returns>The name removed.</returns>
    /// <exception cref="PresetLibraryException">not_found, bad_setlist, io_error.</exception>
    public string Remove(string nameOrPosition)
    {
        var list = EditableSetList();
        var index = IndexIn(list, nameOrPosition);
        var removed = list[index];
        list.RemoveAt(index);
        _state.WriteSetListLocked(list);
        return removed;
    }

    /// <summary>Moves a set-list entry (by name or 1-based position) to a 1-based position.</summary>
    /// <exception cref="PresetLibraryException">not_found, invalid_argument, bad_setlist, io_error.</exception>
    public void Move(string nameOrPosition, int toPosition)
    {
        var list = EditableSetList();
        var index = IndexIn(list, nameOrPosition);
        if (toPosition < 1 || toPosition > list.Count)
        {
            throw new PresetLibraryException(ErrorCodes.InvalidArgument, $"position {toPosition} is outside the set list (1..{list.Count})");
        }

        var name = list[index];
        list.RemoveAt(index);
        list.Insert(toPosition - 1, name);
        _state.WriteSetListLocked(list);
    }

    /// <summary>Makes the set list's entries of a renamed preset follow its new name; writes nothing when there is no
    /// set list file or it does not name the preset.</summary>
    /// <exception cref="PresetLibraryException">io_error.</exception>
    public void RenamePreset(string from, string to)
    {
        if (_state.SetList is { } setList && setList.Any(n => PresetNames.Same(n, from)))
        {
            var renamed = setList.Select(n => PresetNames.Same(n, from) ? to : n).ToList();
            _state.WriteSetListLocked(renamed);
        }
    }

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

            throw new PresetLibraryException(ErrorCodes.InvalidArgument, $"position {position} is outside the set list (1..{list.Count})");
        }

        throw new PresetLibraryException(ErrorCodes.NotFound, $"'{nameOrPosition}' is not in the set list");
    }

    private List<string> EditableSetList()
    {
        if (_state.SetListError is { } error)
        {
            throw new PresetLibraryException(ErrorCodes.BadSetList,
                $"{error}; fix the file, or replace the whole set list with `gru-pedal setlist set NAME...`");
        }

        return _state.SetList?.ToList() ?? PresetFolderState.DefaultSetList().ToList();
    }

    private string Canonical(string name) =>
        _state.TryGet(name, out var entry) ? entry.Preset.Name : throw PresetFileNames.NotFound(name);
}
