using System.Text.Json;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// The requests about presets and the set list: <c>preset.list</c>, <c>preset.show</c>, <c>preset.load</c>,
/// <c>preset.save</c>, <c>preset.rm</c>, <c>preset.rename</c>, <c>setlist.*</c>. Without a running pedal they work on
/// the files alone (the command line's mode when the service is stopped). <c>preset.load</c> by a name allocates
/// nothing; the others build their answers from the library's lists.
/// </summary>
internal sealed class PresetRequests
{
    private readonly ControlContext _context;
    private readonly IPedalControl? _pedal;
    private readonly PresetLibrary _library;
    private readonly SpinGate _pedalGate;

    /// <summary>Creates the handlers over the shared context.</summary>
    public PresetRequests(ControlContext context)
    {
        _context = context;
        _pedal = context.Pedal;
        _library = context.Library;
        _pedalGate = context.PedalGate;
    }

    public ControlRequestHandler.Outcome PresetList(ref ControlRequest req, Utf8JsonWriter w)
    {
        var current = CurrentPresetName();
        var setList = _library.SetList;
        var presets = new List<PresetListEntry>();
        foreach (var e in _library.Presets)
        {
            var positions = new List<int>();
            for (var i = 0; i < setList.Names.Count; i++)
            {
                if (PresetNames.Same(setList.Names[i], e.Preset.Name))
                {
                    positions.Add(i + 1);
                }
            }

            presets.Add(new PresetListEntry
            {
                Name = e.Preset.Name,
                Origin = Origin(e.Origin),
                File = e.FileName,
                Current = PresetNames.Same(e.Preset.Name, current),
                SetlistPositions = positions,
                Problem = e.Problem?.ToString(),
            });
        }

        return _context.Respond(w, ref req, new PresetListResponse { Current = current, Presets = presets, Problems = Problems() },
            WireJsonContext.Default.PresetListResponse);
    }

    public ControlRequestHandler.Outcome PresetShow(ref ControlRequest req, Utf8JsonWriter w)
    {
        var entry = Find(ControlContext.Required(req.Name, "name"));
        using var preset = JsonDocument.Parse(PresetFormat.ToBytes(entry.Preset));
        return _context.Respond(w, ref req, new PresetShowResponse
        {
            Preset = preset.RootElement.Clone(),
            Origin = Origin(entry.Origin),
            File = entry.FileName,
            Problem = entry.Problem?.ToString(),
        }, WireJsonContext.Default.PresetShowResponse);
    }

    public ControlRequestHandler.Outcome PresetLoad(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (!req.NameGiven)
        {
            throw ControlContext.Missing("name");
        }

        // By the name's characters, with no string made for it: a load from a live view allocates nothing.
        var preset = _library.TryGet(req.NameSpan, out var found) ? found.Preset : Find(req.Name!).Preset;
        if (_pedal is null)
        {
            var saved = SavedStateFile.Read(_library.DataDirectory);
            SavedStateFile.Write(_library.DataDirectory, new SavedState(preset.Name, saved?.Bypassed ?? false, preset.Settings));
        }
        else
        {
            using (_pedalGate.Enter())
            {
                _pedal.LoadPreset(preset.Name, preset.Settings, ControlSource.Socket);
            }

            _library.Navigator.SyncTo(preset.Name);
        }

        _context.Begin(w, ref req);
        w.WriteString("preset"u8, preset.Name);
        w.WriteEndObject();
        return ControlRequestHandler.Outcome.Ok;
    }

    public ControlRequestHandler.Outcome PresetRemove(ref ControlRequest req, Utf8JsonWriter w)
    {
        var restored = _library.Delete(ControlContext.Required(req.Name, "name"));
        return _context.Respond(w, ref req, new PresetRemoveResponse { Name = req.Name!, FactoryRestored = restored },
            WireJsonContext.Default.PresetRemoveResponse);
    }

    public ControlRequestHandler.Outcome PresetRename(ref ControlRequest req, Utf8JsonWriter w)
    {
        _library.Rename(ControlContext.Required(req.Name, "name"), ControlContext.Required(req.To, "to"));
        return _context.Respond(w, ref req, new PresetRenameResponse { Name = req.To! }, WireJsonContext.Default.PresetRenameResponse);
    }

    /// <summary>setlist.show, setlist.set, setlist.add, setlist.remove and setlist.move: each answers with the set list.</summary>
    public ControlRequestHandler.Outcome SetListEdit(ref ControlRequest req, Utf8JsonWriter w)
    {
        switch (req.Command)
        {
            case ControlCommand.SetListSet:
                _library.SetSetList(req.Names ?? throw ControlContext.Missing("names"));
                break;
            case ControlCommand.SetListAdd:
                _library.AddToSetList(ControlContext.Required(req.Name, "name"), req.HasPosition ? req.Position : null);
                break;
            case ControlCommand.SetListRemove:
                _library.RemoveFromSetList(req.Name ?? (req.HasPosition
                    ? req.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : throw ControlContext.Missing("name")));
                break;
            case ControlCommand.SetListMove:
                _library.MoveInSetList(ControlContext.Required(req.Name, "name"), req.HasPosition ? req.Position : throw ControlContext.Missing("position"));
                break;
        }

        return SetListDone(ref req, w);
    }

    public ControlRequestHandler.Outcome PresetSave(ReadOnlySpan<byte> line, ref ControlRequest req, Utf8JsonWriter w)
    {
        Preset preset;
        var fromCurrentSound = false;
        if (req.PresetStart >= 0)
        {
            var given = PresetFormat.Parse(ControlContext.Trim(line).Slice(req.PresetStart, req.PresetLength), "request");
            preset = req.Name is null ? given : given with { Name = req.Name };
        }
        else
        {
            var name = ControlContext.Required(req.Name, "name");
            if (req.From is not null)
            {
                var source = Find(req.From).Preset;
                preset = new Preset(name, source.Settings, source.Notes);
            }
            else if (_pedal is not null)
            {
                preset = new Preset(name, _pedal.Settings, _library.TryGet(name, out var old) ? old.Preset.Notes : null);
                fromCurrentSound = true;
            }
            else
            {
                fromCurrentSound = true;
                var saved = SavedStateFile.Read(_library.DataDirectory)
                            ?? throw new PresetLibraryException(ErrorCodes.NotRunning,
                                "the service is not running and there is no saved state to save from; start it, or use --from PRESET");
                preset = new Preset(name, saved.Settings, _library.TryGet(name, out var old) ? old.Preset.Notes : null);
            }
        }

        if (req.Notes is not null)
        {
            preset = preset with { Notes = req.Notes.Length == 0 ? null : req.Notes };
        }

        var (file, overrides) = _library.Save(preset, req.Replace ?? true);
        if (fromCurrentSound)
        {
            // As on every pedal: the sound just saved is now the current preset (same settings, so nothing is heard).
            if (_pedal is not null)
            {
                using (_pedalGate.Enter())
                {
                    // The settings as they are now: a knob turned since is kept, and shows as a modification.
                    _pedal.LoadPreset(preset.Name, _pedal.Settings, ControlSource.Socket);
                }

                _library.Navigator.SyncTo(preset.Name);
            }
            else if (SavedStateFile.Read(_library.DataDirectory) is { } saved)
            {
                SavedStateFile.Write(_library.DataDirectory, saved with { Preset = preset.Name });
            }
        }

        return _context.Respond(w, ref req, new PresetSaveResponse { Name = preset.Name, File = file, OverridesFactory = overrides },
            WireJsonContext.Default.PresetSaveResponse);
    }

    public ControlRequestHandler.Outcome SetListStep(ref ControlRequest req, Utf8JsonWriter w, bool next)
    {
        if (_pedal is null)
        {
            return _context.NotRunning(ref req, w);
        }

        PresetStep step;
        using (_pedalGate.Enter())
        {
            var navigator = _library.Navigator;
            if (!(next ? navigator.TryStepNext(out step) : navigator.TryStepPrevious(out step)))
            {
                _context.WriteError(w, ref req, ErrorCodes.NotFound, "the set list is empty (see `gru-pedal setlist`)");
                return ControlRequestHandler.Outcome.Error;
            }

            _pedal.LoadPreset(step.Name, step.Settings, ControlSource.Socket);
        }

        _context.Begin(w, ref req);
        w.WriteString("preset"u8, step.Name);
        w.WriteNumber("position"u8, step.Position);
        w.WriteNumber("count"u8, step.Count);
        w.WriteEndObject();
        return ControlRequestHandler.Outcome.Ok;
    }

    private ControlRequestHandler.Outcome SetListDone(ref ControlRequest req, Utf8JsonWriter w)
    {
        var setList = _library.SetList;
        var entries = new List<SetListEntry>(setList.Names.Count);
        for (var i = 0; i < setList.Names.Count; i++)
        {
            entries.Add(new SetListEntry { Position = i + 1, Name = setList.Names[i], Exists = _library.TryGet(setList.Names[i], out _) });
        }

        return _context.Respond(w, ref req, new SetListResponse
        {
            Default = setList.IsDefault,
            Position = _library.Navigator.Position,
            Error = setList.Error?.ToString(),
            Setlist = entries,
        }, WireJsonContext.Default.SetListResponse);
    }

    private List<PresetProblem> Problems() =>
        [.. _library.Problems.Select(p => new PresetProblem { File = p.FileName, Message = p.Error.ToString(), Kept = p.KeptPreset })];

    private string? CurrentPresetName()
    {
        if (_pedal is not null)
        {
            return _pedal.CurrentPreset;
        }

        try
        {
            return SavedStateFile.Read(_library.DataDirectory)?.Preset;
        }
        catch (PresetFormatException)
        {
            return null;
        }
    }

    private PresetEntry Find(string name) =>
        _library.TryGet(name, out var entry)
            ? entry
            : throw new PresetLibraryException(ErrorCodes.NotFound, $"there is no preset named '{name}' (see `gru-pedal preset list`)");

    private static string Origin(PresetOrigin origin) => origin switch
    {
        PresetOrigin.Factory => "factory",
        PresetOrigin.User => "user",
        _ => "user_overrides_factory",
    };
}
