using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Health;
using GruPedalPi.Firmware.Presets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// Answers control requests (one JSON line in, one JSON object out). The service's socket server and the
/// command line (when the service is not running, with no pedal: it then works on the files alone) share it.
/// The frequent requests (ping, get, set, bypass) are parsed with <see cref="Utf8JsonReader"/> straight from
/// the line and answered through the caller's reused <see cref="Utf8JsonWriter"/>: they allocate nothing.
/// Pedal changes are serialized (one lock), so concurrent preset loads queue in arrival order. Thread-safe.
/// </summary>
public sealed class ControlRequestHandler
{
    private static readonly string ParameterList = string.Join(", ", Parameters.All.Select(p => p.Name));

    private readonly IPedalControl? _pedal;
    private readonly PresetLibrary _library;
    private readonly ILogger _logger;
    private readonly object _pedalGate = new();
    private int _lastSource = -1;

    /// <summary>Creates a handler.</summary>
    /// <param name="pedal">The running pedal, or null when the service is not running (file-only commands).</param>
    /// <param name="library">The presets and the set list.</param>
    /// <param name="logger">Where unexpected failures are reported.</param>
    public ControlRequestHandler(IPedalControl? pedal, PresetLibrary library, ILogger? logger = null)
    {
        _pedal = pedal;
        _library = library;
        _logger = logger ?? NullLogger.Instance;
        if (pedal is not null)
        {
            pedal.Changed += source => Volatile.Write(ref _lastSource, (int)source);
        }
    }

    /// <summary>The outcome of one request.</summary>
    public enum Outcome
    {
        /// <summary>Answered with ok: true.</summary>
        Ok,
        /// <summary>Answered with an error (a well-formed request that could not be done).</summary>
        Error,
        /// <summary>Answered with an error: the line was not a JSON request object.</summary>
        Malformed,
    }

    /// <summary>True when a running pedal is attached (false in the command line's file-only mode).</summary>
    public bool ServiceRunning => _pedal is not null;

    /// <summary>The running pedal's MIDI input and expression pedal (set by the service), or null: the midi and expression
    /// commands then answer not_running.</summary>
    public Midi.IMidiControl? Midi { get; set; }

    /// <summary>The server's counters, reported by "status" (set by the server).</summary>
    public ControlServerStatistics? Statistics { get; set; }

    /// <summary>The machine's temperature and throttling, reported by <c>status</c> when set (the socket server sets it).</summary>
    public SystemHealthReader? Health { get; set; }

    /// <summary>The running pedal's audio engine (its meters and gate, for <c>monitor</c>), or null (set by the service).</summary>
    public AudioEngine? Engine { get; set; }

    /// <summary>The running pedal's knobs (for <c>monitor</c>), or null: without a control surface (set by the service;
    /// read at every request, since the surface is built after the socket starts).</summary>
    public Func<IKnobPanel?>? Knobs { get; set; }

    /// <summary>The running pedal's tuner, or null: the tuner command then answers not_running (set by the service).</summary>
    public ITunerControl? Tuner { get; set; }

    /// <summary>Answers one request line (without its newline) with one response object in <paramref name="output"/>
    /// (cleared first; call <see cref="ControlResponseWriter.Finish"/> to get the bytes).</summary>
    public Outcome Handle(ReadOnlySpan<byte> line, ControlResponseWriter output)
    {
        output.Clear();
        var w = output.Json;
        var req = default(ControlRequest);
        req.Version = -1;
        req.PresetStart = -1;
        req.NameScratch = output.NameScratch;
        try
        {
            if (!ControlRequestParser.TryParse(Trim(line), ref req, out var parseError))
            {
                if (parseError is null)
                {
                    // An unknown field: name it without allocating (a flood of them must not feed the collector).
                    var text = new StackText(stackalloc char[160]);
                    text.Add("unknown field '");
                    text.AddUtf8(Trim(line).Slice(req.TextStart, req.TextLength));
                    text.Add("'");
                    WriteError(w, ref req, "bad_request", text.Span);
                }
                else
                {
                    WriteError(w, ref req, "bad_request", parseError);
                }

                return Outcome.Malformed;
            }
        }
        catch (JsonException)
        {
            output.Clear();
            WriteError(w, ref req, "bad_request", "malformed JSON: a request is one JSON object on one line");
            return Outcome.Malformed;
        }
        catch (InvalidOperationException)
        {
            output.Clear();
            WriteError(w, ref req, "bad_request", "malformed JSON: a field has the wrong type");
            return Outcome.Malformed;
        }

        if (req.Version < 0)
        {
            WriteError(w, ref req, "bad_request", "missing field v (the protocol version, 1)");
            return Outcome.Error;
        }

        if (req.Version != ControlProtocol.Version)
        {
            WriteError(w, ref req, "unsupported_version", req.Version > ControlProtocol.Version
                ? "the request's protocol version is newer than this service speaks (1); update gru-pedal on the pedal"
                : "protocol version must be 1");
            return Outcome.Error;
        }

        try
        {
            req.Json = Trim(line);
            return Dispatch(line, ref req, w);
        }
        catch (PresetLibraryException ex)
        {
            output.Clear();
            WriteError(w, ref req, ex.Code, ex.Message);
            return Outcome.Error;
        }
        catch (PresetFormatException ex)
        {
            output.Clear();
            WriteError(w, ref req, "invalid_preset", ex.Error.ToString());
            return Outcome.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.Clear();
            WriteError(w, ref req, "io_error", ex.Message);
            return Outcome.Error;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Control request failed");
            output.Clear();
            WriteError(w, ref req, "internal", "the service failed to handle the request: " + ex.Message);
            return Outcome.Error;
        }
    }

    private Outcome Dispatch(ReadOnlySpan<byte> line, ref ControlRequest req, Utf8JsonWriter w)
    {
        switch (req.Command)
        {
            case ControlCommand.Ping:
                Begin(w, ref req);
                w.WriteNumber("protocol"u8, ControlProtocol.Version);
                w.WriteEndObject();
                return Outcome.Ok;
            case ControlCommand.Status:
                return Status(ref req, w);
            case ControlCommand.Get:
                return Get(ref req, w);
            case ControlCommand.Set:
                return Set(ref req, w);
            case ControlCommand.Bypass:
                return Bypass(ref req, w);
            case ControlCommand.PresetList:
                return PresetList(ref req, w);
            case ControlCommand.PresetShow:
                return PresetShow(ref req, w);
            case ControlCommand.PresetLoad:
                return PresetLoad(ref req, w);
            case ControlCommand.PresetSave:
                return PresetSave(line, ref req, w);
            case ControlCommand.PresetRemove:
            {
                var restored = _library.Delete(Required(req.Name, "name"));
                Begin(w, ref req);
                w.WriteString("name"u8, req.Name);
                w.WriteBoolean("factory_restored"u8, restored);
                w.WriteEndObject();
                return Outcome.Ok;
            }

            case ControlCommand.PresetRename:
                _library.Rename(Required(req.Name, "name"), Required(req.To, "to"));
                Begin(w, ref req);
                w.WriteString("name"u8, req.To);
                w.WriteEndObject();
                return Outcome.Ok;
            case ControlCommand.SetListShow:
                Begin(w, ref req);
                WriteSetList(w);
                w.WriteEndObject();
                return Outcome.Ok;
            case ControlCommand.SetListSet:
                _library.SetSetList(req.Names ?? throw Missing("names"));
                return SetListDone(ref req, w);
            case ControlCommand.SetListAdd:
                _library.AddToSetList(Required(req.Name, "name"), req.HasPosition ? req.Position : null);
                return SetListDone(ref req, w);
            case ControlCommand.SetListRemove:
                _library.RemoveFromSetList(req.Name ?? (req.HasPosition ? req.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : throw Missing("name")));
                return SetListDone(ref req, w);
            case ControlCommand.MidiLearn:
            case ControlCommand.MidiList:
            case ControlCommand.MidiForget:
            case ControlCommand.MidiMonitor:
            case ControlCommand.ExpressionRead:
            case ControlCommand.ExpressionCalibrate:
                return MidiCommand(ref req, w);
            case ControlCommand.SetListNext:
            case ControlCommand.SetListPrevious:
                return SetListStep(ref req, w, req.Command == ControlCommand.SetListNext);
            case ControlCommand.Monitor:
                return Monitor(ref req, w);
            case ControlCommand.Tuner:
                return TunerCommand(ref req, w);
            case ControlCommand.SetListMove:
                _library.MoveInSetList(Required(req.Name, "name"), req.HasPosition ? req.Position : throw Missing("position"));
                return SetListDone(ref req, w);
            default:
                WriteError(w, ref req, "unknown_command", req.CommandGiven
                    ? "unknown cmd; the commands are ping, status, get, set, bypass, preset.list, preset.show, preset.load, preset.save, preset.rm, preset.rename, setlist.show, setlist.set, setlist.add, setlist.remove, setlist.move, midi.learn, midi.list, midi.forget, midi.monitor, expression.read, expression.calibrate, setlist.next, setlist.previous, monitor, tuner"
                    : "missing field cmd");
                return Outcome.Error;
        }
    }

    private Outcome Status(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (_pedal is null)
        {
            return NotRunning(ref req, w);
        }

        var s = _pedal.GetStatus();
        Begin(w, ref req);
        w.WriteStartObject("status"u8);
        w.WriteString("state"u8, AudioStateNames.Utf8(s.State));
        if (s.Fault is null)
        {
            w.WriteNull("fault"u8);
        }
        else
        {
            w.WriteString("fault"u8, s.Fault);
        }

        w.WriteString("device"u8, s.Device);
        w.WriteNumber("sample_rate_hz"u8, s.SampleRateHz);
        w.WriteNumber("frames_per_buffer"u8, s.FramesPerBuffer);
        w.WriteNumber("period_us"u8, s.PeriodUs);
        w.WriteNumber("callbacks"u8, s.Callbacks);
        w.WriteNumber("xruns"u8, s.Xruns);
        w.WriteNumber("late_callbacks"u8, s.LateCallbacks);
        w.WriteNumber("callback_p50_us"u8, s.CallbackP50Us);
        w.WriteNumber("callback_p99_us"u8, s.CallbackP99Us);
        w.WriteNumber("callback_p999_us"u8, s.CallbackP999Us);
        w.WriteNumber("callback_max_us"u8, s.CallbackMaxUs);
        w.WriteNumber("dsp_load"u8, s.DspLoad);
        w.WriteNumber("garbage_collections"u8, s.GarbageCollections);
        w.WriteNumber("bytes_allocated"u8, s.BytesAllocated);
        w.WriteNumber("steady_garbage_collections"u8, s.SteadyGarbageCollections);
        w.WriteNumber("steady_bytes_allocated"u8, s.SteadyBytesAllocated);
        w.WriteNumber("steady_seconds"u8, s.SteadySeconds);
        w.WriteNumber("uptime_seconds"u8, s.UptimeSeconds);
        w.WriteEndObject();
        WriteCurrent(w);
        w.WriteStartObject("setlist"u8);
        w.WriteNumber("position"u8, _library.Navigator.Position);
        w.WriteNumber("count"u8, _library.Navigator.Count);
        w.WriteEndObject();
        if (Midi is { } midi)
        {
            w.WriteStartObject("midi"u8);
            midi.WriteStatus(w);
            w.WriteEndObject();
        }

        if (Health is { } health)
        {
            HealthJson.Write(w, health.Read());
        }

        if (Statistics is { } stats)
        {
            w.WriteStartObject("control"u8);
            w.WriteNumber("clients"u8, stats.ActiveClients);
            w.WriteNumber("connections"u8, stats.Connections);
            w.WriteNumber("requests"u8, stats.Requests);
            w.WriteNumber("errors"u8, stats.ErrorResponses);
            w.WriteNumber("malformed"u8, stats.Malformed);
            w.WriteNumber("rejected_busy"u8, stats.RejectedBusy);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome SetListStep(ref ControlRequest req, Utf8JsonWriter w, bool next)
    {
        if (_pedal is null)
        {
            return NotRunning(ref req, w);
        }

        PresetStep step;
        lock (_pedalGate)
        {
            var navigator = _library.Navigator;
            if (!(next ? navigator.TryStepNext(out step) : navigator.TryStepPrevious(out step)))
            {
                WriteError(w, ref req, "not_found", "the set list is empty (see `gru-pedal setlist`)");
                return Outcome.Error;
            }

            _pedal.LoadPreset(step.Name, step.Settings, ControlSource.Socket);
        }

        Begin(w, ref req);
        w.WriteString("preset"u8, step.Name);
        w.WriteNumber("position"u8, step.Position);
        w.WriteNumber("count"u8, step.Count);
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome Monitor(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (_pedal is null)
        {
            return NotRunning(ref req, w);
        }

        var status = _pedal.GetStatus();
        Begin(w, ref req);
        MonitorFrameWriter.Write(w, _pedal, status, _library.Navigator.Position, _library.Navigator.Count,
            Engine, Knobs?.Invoke(), Tuner, Midi, Health);
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome TunerCommand(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (_pedal is null || Tuner is not { } tuner)
        {
            return NotRunning(ref req, w);
        }

        if (req.HasValue)
        {
            if (!(req.Value >= Dsp.TunerNote.MinReferenceA4Hz && req.Value <= Dsp.TunerNote.MaxReferenceA4Hz))
            {
                WriteError(w, ref req, "out_of_range", "value (the A4 reference) must be 430..450 Hz");
                return Outcome.Error;
            }

            tuner.SetReference(req.Value);
        }

        if (req.State != SwitchRequest.None)
        {
            tuner.SetEngaged(req.State switch
            {
                SwitchRequest.On => true,
                SwitchRequest.Off => false,
                _ => !tuner.Engaged,
            }, ControlSource.Socket);
        }

        Begin(w, ref req);
        TunerJson.Write(w, tuner.Read());
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome MidiCommand(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (_pedal is null || Midi is not { } midi)
        {
            return NotRunning(ref req, w);
        }

        switch (req.Command)
        {
            case ControlCommand.MidiLearn:
            {
                var target = Required(req.Name, "name");
                var seconds = req.HasValue ? req.Value : 30;
                if (!(seconds >= 1 && seconds <= 300))
                {
                    WriteError(w, ref req, "bad_request", "value (the time to wait, in seconds) must be 1..300");
                    return Outcome.Error;
                }

                var cc = midi.Learn(target, TimeSpan.FromSeconds(seconds), out var error);
                if (cc < 0)
                {
                    WriteError(w, ref req, error.StartsWith("unknown", StringComparison.Ordinal) ? "unknown_parameter" : "timeout", error);
                    return Outcome.Error;
                }

                Begin(w, ref req);
                w.WriteNumber("cc"u8, cc);
                w.WriteString("target"u8, target);
                w.WriteEndObject();
                return Outcome.Ok;
            }

            case ControlCommand.MidiList:
                Begin(w, ref req);
                midi.WriteMap(w);
                w.WriteEndObject();
                return Outcome.Ok;
            case ControlCommand.MidiForget:
            {
                if (!req.HasCc)
                {
                    WriteError(w, ref req, "bad_request", "missing field cc");
                    return Outcome.Error;
                }

                if (!midi.Forget(req.Cc, out var error))
                {
                    WriteError(w, ref req, "bad_request", error);
                    return Outcome.Error;
                }

                Begin(w, ref req);
                w.WriteNumber("cc"u8, req.Cc);
                w.WriteEndObject();
                return Outcome.Ok;
            }

            case ControlCommand.MidiMonitor:
                Begin(w, ref req);
                midi.WriteMonitor(w, req.Since);
                w.WriteEndObject();
                return Outcome.Ok;
            case ControlCommand.ExpressionRead:
            {
                var reading = midi.ExpressionReading;
                if (double.IsNaN(reading))
                {
                    WriteError(w, ref req, "bad_request", "no expression pedal (set \"expression\": {\"channel\": N} in the configuration)");
                    return Outcome.Error;
                }

                Begin(w, ref req);
                w.WriteNumber("reading"u8, Math.Round(reading, 1));
                w.WriteEndObject();
                return Outcome.Ok;
            }

            default:
            {
                if (!req.HasHeel || !req.HasToe)
                {
                    WriteError(w, ref req, "bad_request", "missing field heel or toe (the readings, 0..1023)");
                    return Outcome.Error;
                }

                if (!midi.Calibrate(req.Heel, req.Toe, out var error))
                {
                    WriteError(w, ref req, "bad_request", error);
                    return Outcome.Error;
                }

                Begin(w, ref req);
                w.WriteNumber("heel"u8, req.Heel);
                w.WriteNumber("toe"u8, req.Toe);
                w.WriteEndObject();
                return Outcome.Ok;
            }
        }
    }

    private Outcome Get(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (req.ParamGiven && !req.ParamKnown)
        {
            return UnknownParameter(ref req, w);
        }

        if (_pedal is null)
        {
            var saved = SavedStateFile.Read(_library.DataDirectory);
            Begin(w, ref req);
            w.WriteString("preset"u8, saved?.Preset);
            w.WriteBoolean("bypassed"u8, saved?.Bypassed ?? false);
            w.WriteString("from"u8, saved is null ? "defaults"u8 : "saved_state"u8);
            WriteParameters(w, ref req, saved?.Settings ?? PedalSettings.Defaults);
            w.WriteEndObject();
            return Outcome.Ok;
        }

        Begin(w, ref req);
        WriteCurrent(w);
        WriteParameters(w, ref req, _pedal.Settings);
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome Set(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (!req.ParamGiven)
        {
            WriteError(w, ref req, "bad_request", "missing field param");
            return Outcome.Error;
        }

        if (!req.ParamKnown)
        {
            return UnknownParameter(ref req, w);
        }

        if (!req.HasValue)
        {
            WriteError(w, ref req, "bad_request", "missing field value (a number)");
            return Outcome.Error;
        }

        var info = Parameters.Get(req.Param);
        var value = (float)req.Value;
        if (!float.IsFinite(value))
        {
            var text = new StackText(stackalloc char[96]);
            text.Add(info.Name);
            text.Add(": the value is not a finite number");
            WriteError(w, ref req, "out_of_range", text.Span);
            return Outcome.Error;
        }

        if (value < info.PresetMin || value > info.PresetMax)
        {
            var text = new StackText(stackalloc char[128]);
            text.Add(info.Name);
            text.Add(": ");
            text.Add(req.Value);
            text.Add(" is out of range ");
            text.Add(info.PresetMin);
            text.Add("..");
            text.Add(info.PresetMax);
            WriteError(w, ref req, "out_of_range", text.Span);
            return Outcome.Error;
        }

        if (_pedal is null)
        {
            return NotRunning(ref req, w);
        }

        lock (_pedalGate)
        {
            _pedal.SetParameter(req.Param, value, ControlSource.Socket);
        }

        Begin(w, ref req);
        WriteParameters(w, ref req, _pedal.Settings);
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome Bypass(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (req.State == SwitchRequest.None)
        {
            WriteError(w, ref req, "bad_request", "missing field state (on, off or toggle)");
            return Outcome.Error;
        }

        if (_pedal is null)
        {
            return NotRunning(ref req, w);
        }

        bool bypassed;
        lock (_pedalGate)
        {
            bypassed = req.State switch
            {
                SwitchRequest.On => true,
                SwitchRequest.Off => false,
                _ => !_pedal.Bypassed,
            };
            _pedal.SetBypass(bypassed, ControlSource.Socket);
        }

        Begin(w, ref req);
        w.WriteBoolean("bypassed"u8, bypassed);
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome PresetList(ref ControlRequest req, Utf8JsonWriter w)
    {
        var current = CurrentPresetName();
        var setList = _library.SetList;
        Begin(w, ref req);
        w.WriteString("current"u8, current);
        w.WriteStartArray("presets"u8);
        foreach (var e in _library.Presets)
        {
            w.WriteStartObject();
            w.WriteString("name"u8, e.Preset.Name);
            w.WriteString("origin"u8, Origin(e.Origin));
            w.WriteString("file"u8, e.FileName);
            w.WriteBoolean("current"u8, PresetNames.Same(e.Preset.Name, current));
            w.WriteStartArray("setlist_positions"u8);
            for (var i = 0; i < setList.Names.Count; i++)
            {
                if (PresetNames.Same(setList.Names[i], e.Preset.Name))
                {
                    w.WriteNumberValue(i + 1);
                }
            }

            w.WriteEndArray();
            if (e.Problem is not null)
            {
                w.WriteString("problem"u8, e.Problem.ToString());
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteProblems(w);
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome PresetShow(ref ControlRequest req, Utf8JsonWriter w)
    {
        var entry = Find(Required(req.Name, "name"));
        Begin(w, ref req);
        w.WritePropertyName("preset"u8);
        PresetFormat.Write(w, entry.Preset);
        w.WriteString("origin"u8, Origin(entry.Origin));
        w.WriteString("file"u8, entry.FileName);
        if (entry.Problem is not null)
        {
            w.WriteString("problem"u8, entry.Problem.ToString());
        }

        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome PresetLoad(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (!req.NameGiven)
        {
            throw Missing("name");
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
            lock (_pedalGate)
            {
                _pedal.LoadPreset(preset.Name, preset.Settings, ControlSource.Socket);
            }

            _library.Navigator.SyncTo(preset.Name);
        }

        Begin(w, ref req);
        w.WriteString("preset"u8, preset.Name);
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome PresetSave(ReadOnlySpan<byte> line, ref ControlRequest req, Utf8JsonWriter w)
    {
        Preset preset;
        var fromCurrentSound = false;
        if (req.PresetStart >= 0)
        {
            var given = PresetFormat.Parse(Trim(line).Slice(req.PresetStart, req.PresetLength), "request");
            preset = req.Name is null ? given : given with { Name = req.Name };
        }
        else
        {
            var name = Required(req.Name, "name");
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
                            ?? throw new PresetLibraryException("not_running",
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
                lock (_pedalGate)
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

        Begin(w, ref req);
        w.WriteString("name"u8, preset.Name);
        w.WriteString("file"u8, file);
        w.WriteBoolean("overrides_factory"u8, overrides);
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private Outcome SetListDone(ref ControlRequest req, Utf8JsonWriter w)
    {
        Begin(w, ref req);
        WriteSetList(w);
        w.WriteEndObject();
        return Outcome.Ok;
    }

    private void WriteSetList(Utf8JsonWriter w)
    {
        var setList = _library.SetList;
        w.WriteBoolean("default"u8, setList.IsDefault);
        w.WriteNumber("position"u8, _library.Navigator.Position);
        if (setList.Error is not null)
        {
            w.WriteString("error"u8, setList.Error.ToString());
        }

        w.WriteStartArray("setlist"u8);
        for (var i = 0; i < setList.Names.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("position"u8, i + 1);
            w.WriteString("name"u8, setList.Names[i]);
            w.WriteBoolean("exists"u8, _library.TryGet(setList.Names[i], out _));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private void WriteProblems(Utf8JsonWriter w)
    {
        w.WriteStartArray("problems"u8);
        foreach (var p in _library.Problems)
        {
            w.WriteStartObject();
            w.WriteString("file"u8, p.FileName);
            w.WriteString("message"u8, p.Error.ToString());
            w.WriteString("kept"u8, p.KeptPreset);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>preset, bypassed, modified and last_change of the running pedal (no allocation).</summary>
    private void WriteCurrent(Utf8JsonWriter w)
    {
        var pedal = _pedal!;
        var name = pedal.CurrentPreset;
        w.WriteString("preset"u8, name);
        w.WriteBoolean("bypassed"u8, pedal.Bypassed);
        var modified = name is not null && _library.TryGet(name, out var entry) && !Preset.SameSettings(entry.Preset.Settings, pedal.Settings);
        w.WriteBoolean("modified"u8, modified);
        w.WriteString("last_change"u8, Volatile.Read(ref _lastSource) switch
        {
            (int)ControlSource.Knob => "knob"u8,
            (int)ControlSource.Footswitch => "footswitch"u8,
            (int)ControlSource.Socket => "socket"u8,
            (int)ControlSource.Startup => "startup"u8,
            (int)ControlSource.Midi => "midi"u8,
            (int)ControlSource.Expression => "expression"u8,
            _ => "none"u8,
        });
    }

    private static void WriteParameters(Utf8JsonWriter w, ref ControlRequest req, in PedalSettings settings)
    {
        w.WriteStartObject("parameters"u8);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var id = (ParameterId)i;
            if (!req.ParamGiven || req.Param == id)
            {
                w.WriteNumber(ParameterNamesUtf8.Get(id), settings[id]);
            }
        }

        w.WriteEndObject();
    }

    private Outcome UnknownParameter(ref ControlRequest req, Utf8JsonWriter w)
    {
        var text = new StackText(stackalloc char[256]);
        text.Add("unknown parameter '");
        text.AddUtf8(req.Json.Slice(req.TextStart, req.TextLength));
        text.Add("'; the parameters are ");
        text.Add(ParameterList);
        WriteError(w, ref req, "unknown_parameter", text.Span);
        return Outcome.Error;
    }

    private Outcome NotRunning(ref ControlRequest req, Utf8JsonWriter w)
    {
        WriteError(w, ref req, "not_running", "the gru-pedal service is not running (start it with `sudo systemctl start gru-pedal`)");
        return Outcome.Error;
    }

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
            : throw new PresetLibraryException("not_found", $"there is no preset named '{name}' (see `gru-pedal preset list`)");

    private static string Required(string? value, string field) => value ?? throw Missing(field);

    private static PresetLibraryException Missing(string field) => new("bad_request", $"missing field {field}");

    private static string Origin(PresetOrigin origin) => origin switch
    {
        PresetOrigin.Factory => "factory",
        PresetOrigin.User => "user",
        _ => "user_overrides_factory",
    };

    private void Begin(Utf8JsonWriter w, ref ControlRequest req, bool ok = true)
    {
        w.WriteStartObject();
        w.WriteNumber("v"u8, ControlProtocol.Version);
        if (req.HasId)
        {
            w.WriteNumber("id"u8, req.Id);
        }

        w.WriteBoolean("ok"u8, ok);
        w.WriteBoolean("service"u8, _pedal is not null);
    }

    private void WriteError(Utf8JsonWriter w, ref ControlRequest req, string code, scoped ReadOnlySpan<char> message)
    {
        Begin(w, ref req, ok: false);
        w.WriteStartObject("error"u8);
        w.WriteString("code"u8, code);
        w.WriteString("message"u8, message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Trim(" \t\r\n"u8);
}
