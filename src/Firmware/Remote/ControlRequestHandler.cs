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
    private static readonly string UnknownCommandMessage = "unknown cmd; the commands are " + ControlCommandNames.List;

    private readonly ControlContext _context;
    private readonly PedalRequests _pedalRequests;
    private readonly PresetRequests _presetRequests;
    private readonly MidiRequests _midiRequests;
    private readonly ILogger _logger;

    /// <summary>Creates a handler.</summary>
    /// <param name="pedal">The running pedal, or null when the service is not running (file-only commands).</param>
    /// <param name="library">The presets and the set list.</param>
    /// <param name="logger">Where unexpected failures are reported.</param>
    public ControlRequestHandler(IPedalControl? pedal, PresetLibrary library, ILogger? logger = null)
    {
        _context = new ControlContext(pedal, library);
        _pedalRequests = new PedalRequests(_context);
        _presetRequests = new PresetRequests(_context);
        _midiRequests = new MidiRequests(_context);
        _logger = logger ?? NullLogger.Instance;
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
    public bool ServiceRunning => _context.Pedal is not null;

    /// <summary>The running pedal's MIDI input and expression pedal (set by the service), or null: the midi and expression
    /// commands then answer not_running.</summary>
    public Midi.IMidiControl? Midi { get => _context.Midi; set => _context.Midi = value; }

    /// <summary>The server's counters, reported by "status" (set by the server).</summary>
    public ControlServerStatistics? Statistics { get => _context.Statistics; set => _context.Statistics = value; }

    /// <summary>The machine's temperature and throttling, reported by <c>status</c> when set (the socket server sets it).</summary>
    public SystemHealthReader? Health { get => _context.Health; set => _context.Health = value; }

    /// <summary>The running pedal's audio engine (its meters and gate, for <c>monitor</c>), or null (set by the service).</summary>
    public AudioEngine? Engine { get => _context.Engine; set => _context.Engine = value; }

    /// <summary>The running pedal's knobs (for <c>monitor</c>), or null: without a control surface (set by the service;
    /// read at every request, since the surface is built after the socket starts).</summary>
    public Func<IKnobPanel?>? Knobs { get => _context.Knobs; set => _context.Knobs = value; }

    /// <summary>The running pedal's tuner, or null: the tuner command then answers not_running (set by the service).</summary>
    public ITunerControl? Tuner { get => _context.Tuner; set => _context.Tuner = value; }

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
                    WriteError(w, ref req, ErrorCodes.BadRequest, text.Span);
                }
                else
                {
                    WriteError(w, ref req, ErrorCodes.BadRequest, parseError);
                }

                return Outcome.Malformed;
            }
        }
        catch (JsonException)
        {
            output.Clear();
            WriteError(w, ref req, ErrorCodes.BadRequest, "malformed JSON: a request is one JSON object on one line");
            return Outcome.Malformed;
        }
        catch (InvalidOperationException)
        {
            output.Clear();
            WriteError(w, ref req, ErrorCodes.BadRequest, "malformed JSON: a field has the wrong type");
            return Outcome.Malformed;
        }

        if (req.Version < 0)
        {
            WriteError(w, ref req, ErrorCodes.BadRequest, "missing field v (the protocol version, 1)");
            return Outcome.Error;
        }

        if (req.Version != ControlProtocol.Version)
        {
            WriteError(w, ref req, ErrorCodes.UnsupportedVersion, req.Version > ControlProtocol.Version
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
            WriteError(w, ref req, ErrorCodes.InvalidPreset, ex.Error.ToString());
            return Outcome.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.Clear();
            WriteError(w, ref req, ErrorCodes.IoError, ex.Message);
            return Outcome.Error;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Control request failed");
            output.Clear();
            WriteError(w, ref req, ErrorCodes.Internal, "the service failed to handle the request: " + ex.Message);
            return Outcome.Error;
        }
    }

    private Outcome Dispatch(ReadOnlySpan<byte> line, ref ControlRequest req, Utf8JsonWriter w)
    {
        switch (req.Command)
        {
            case ControlCommand.Ping:
                _context.Begin(w, ref req);
                w.WriteNumber("protocol"u8, ControlProtocol.Version);
                w.WriteEndObject();
                return Outcome.Ok;
            case ControlCommand.Status:
                return _pedalRequests.Status(ref req, w);
            case ControlCommand.Get:
                return _pedalRequests.Get(ref req, w);
            case ControlCommand.Set:
                return _pedalRequests.Set(ref req, w);
            case ControlCommand.Bypass:
                return _pedalRequests.Bypass(ref req, w);
            case ControlCommand.PresetList:
                return _presetRequests.PresetList(ref req, w);
            case ControlCommand.PresetShow:
                return _presetRequests.PresetShow(ref req, w);
            case ControlCommand.PresetLoad:
                return _presetRequests.PresetLoad(ref req, w);
            case ControlCommand.PresetSave:
                return _presetRequests.PresetSave(line, ref req, w);
            case ControlCommand.PresetRemove:
                return _presetRequests.PresetRemove(ref req, w);
            case ControlCommand.PresetRename:
                return _presetRequests.PresetRename(ref req, w);
            case ControlCommand.SetListShow:
            case ControlCommand.SetListSet:
            case ControlCommand.SetListAdd:
            case ControlCommand.SetListRemove:
            case ControlCommand.SetListMove:
                return _presetRequests.SetListEdit(ref req, w);
            case ControlCommand.MidiLearn:
            case ControlCommand.MidiList:
            case ControlCommand.MidiForget:
            case ControlCommand.MidiMonitor:
            case ControlCommand.ExpressionRead:
            case ControlCommand.ExpressionCalibrate:
                return _midiRequests.Handle(ref req, w);
            case ControlCommand.SetListNext:
            case ControlCommand.SetListPrevious:
                return _presetRequests.SetListStep(ref req, w, req.Command == ControlCommand.SetListNext);
            case ControlCommand.Monitor:
                return _pedalRequests.Monitor(ref req, w);
            case ControlCommand.Tuner:
                return _pedalRequests.TunerCommand(ref req, w);
            default:
                WriteError(w, ref req, ErrorCodes.UnknownCommand, req.CommandGiven ? UnknownCommandMessage : "missing field cmd");
                return Outcome.Error;
        }
    }

    private void WriteError(Utf8JsonWriter w, ref ControlRequest req, string code, scoped ReadOnlySpan<char> message) =>
        _context.WriteError(w, ref req, code, message);

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => ControlContext.Trim(line);
}
