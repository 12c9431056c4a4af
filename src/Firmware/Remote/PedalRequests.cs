using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Presets;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// The requests about the sound of the running pedal: <c>status</c>, <c>get</c>, <c>set</c>, <c>bypass</c>,
/// <c>monitor</c> and <c>tuner</c>. Every one of them answers without allocating (the live view sends <c>monitor</c>
/// 20 times a second); changes to the pedal take the context's pedal gate, so they apply in arrival order.
/// </summary>
internal sealed class PedalRequests
{
    private readonly ControlContext _context;
    private readonly IPedalControl? _pedal;
    private readonly PresetLibrary _library;
    private readonly SpinGate _pedalGate;

    /// <summary>Creates the handlers over the shared context.</summary>
    public PedalRequests(ControlContext context)
    {
        _context = context;
        _pedal = context.Pedal;
        _library = context.Library;
        _pedalGate = context.PedalGate;
    }

    private static readonly string ParameterList = string.Join(", ", Parameters.All.Select(p => p.Name));

    public ControlRequestHandler.Outcome Status(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (_pedal is null)
        {
            return _context.NotRunning(ref req, w);
        }

        var s = _pedal.GetStatus(exactAllocations: true);
        _context.Begin(w, ref req);
        StatusJson.WriteSnapshot(w, s);
        WriteCurrent(w);
        StatusJson.WriteSetList(w, _library.Navigator.Position, _library.Navigator.Count);
        StatusJson.WriteMidiAndHealth(w, _context.Midi, _context.Health);

        if (_context.Statistics is { } stats)
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
        return ControlRequestHandler.Outcome.Ok;
    }

    public ControlRequestHandler.Outcome Get(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (req.ParamGiven && !req.ParamKnown)
        {
            return UnknownParameter(ref req, w);
        }

        if (_pedal is null)
        {
            var saved = SavedStateFile.Read(_library.DataDirectory);
            _context.Begin(w, ref req);
            w.WriteString("preset"u8, saved?.Preset);
            w.WriteBoolean("bypassed"u8, saved?.Bypassed ?? false);
            w.WriteString("from"u8, saved is null ? "defaults"u8 : "saved_state"u8);
            WriteParameters(w, ref req, saved?.Settings ?? PedalSettings.Defaults);
            w.WriteEndObject();
            return ControlRequestHandler.Outcome.Ok;
        }

        _context.Begin(w, ref req);
        WriteCurrent(w);
        WriteParameters(w, ref req, _pedal.Settings);
        w.WriteEndObject();
        return ControlRequestHandler.Outcome.Ok;
    }

    public ControlRequestHandler.Outcome Set(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (!req.ParamGiven)
        {
            _context.WriteError(w, ref req, ErrorCodes.BadRequest, "missing field param");
            return ControlRequestHandler.Outcome.Error;
        }

        if (!req.ParamKnown)
        {
            return UnknownParameter(ref req, w);
        }

        if (!req.HasValue)
        {
            _context.WriteError(w, ref req, ErrorCodes.BadRequest, "missing field value (a number)");
            return ControlRequestHandler.Outcome.Error;
        }

        var info = Parameters.Get(req.Param);
        var value = (float)req.Value;
        if (!float.IsFinite(value))
        {
            var text = new StackText(stackalloc char[96]);
            text.Add(info.Name);
            text.Add(": the value is not a finite number");
            _context.WriteError(w, ref req, ErrorCodes.OutOfRange, text.Span);
            return ControlRequestHandler.Outcome.Error;
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
            _context.WriteError(w, ref req, ErrorCodes.OutOfRange, text.Span);
            return ControlRequestHandler.Outcome.Error;
        }

        if (_pedal is null)
        {
            return _context.NotRunning(ref req, w);
        }

        using (_pedalGate.Enter())
        {
            _pedal.SetParameter(req.Param, value, ControlSource.Socket);
        }

        _context.Begin(w, ref req);
        WriteParameters(w, ref req, _pedal.Settings);
        w.WriteEndObject();
        return ControlRequestHandler.Outcome.Ok;
    }

    public ControlRequestHandler.Outcome Bypass(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (req.State == SwitchRequest.None)
        {
            _context.WriteError(w, ref req, ErrorCodes.BadRequest, "missing field state (on, off or toggle)");
            return ControlRequestHandler.Outcome.Error;
        }

        if (_pedal is null)
        {
            return _context.NotRunning(ref req, w);
        }

        bool bypassed;
        using (_pedalGate.Enter())
        {
            bypassed = req.State switch
            {
                SwitchRequest.On => true,
                SwitchRequest.Off => false,
                _ => !_pedal.Bypassed,
            };
            _pedal.SetBypass(bypassed, ControlSource.Socket);
        }

        _context.Begin(w, ref req);
        w.WriteBoolean("bypassed"u8, bypassed);
        w.WriteEndObject();
        return ControlRequestHandler.Outcome.Ok;
    }

    public ControlRequestHandler.Outcome Monitor(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (_pedal is null)
        {
            return _context.NotRunning(ref req, w);
        }

        var status = _pedal.GetStatus(exactAllocations: false); // 20 frames a second: no pause of the audio thread
        _context.Begin(w, ref req);
        MonitorFrameWriter.Write(w, _pedal, status, _library.Navigator.Position, _library.Navigator.Count,
            _context.Engine, _context.Knobs?.Invoke(), _context.Tuner, _context.Midi, _context.Health);
        w.WriteEndObject();
        return ControlRequestHandler.Outcome.Ok;
    }

    public ControlRequestHandler.Outcome TunerCommand(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (_pedal is null || _context.Tuner is not { } tuner)
        {
            return _context.NotRunning(ref req, w);
        }

        if (req.HasValue)
        {
            if (!(req.Value >= Dsp.TunerNote.MinReferenceA4Hz && req.Value <= Dsp.TunerNote.MaxReferenceA4Hz))
            {
                _context.WriteError(w, ref req, ErrorCodes.OutOfRange, "value (the A4 reference) must be 430..450 Hz");
                return ControlRequestHandler.Outcome.Error;
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

        _context.Begin(w, ref req);
        TunerJson.Write(w, tuner.Read());
        w.WriteEndObject();
        return ControlRequestHandler.Outcome.Ok;
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
        w.WriteString("last_change"u8, _context.LastSource switch
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

    public ControlRequestHandler.Outcome UnknownParameter(ref ControlRequest req, Utf8JsonWriter w)
    {
        var text = new StackText(stackalloc char[256]);
        text.Add("unknown parameter '");
        text.AddUtf8(req.Json.Slice(req.TextStart, req.TextLength));
        text.Add("'; the parameters are ");
        text.Add(ParameterList);
        _context.WriteError(w, ref req, ErrorCodes.UnknownParameter, text.Span);
        return ControlRequestHandler.Outcome.Error;
    }
}
