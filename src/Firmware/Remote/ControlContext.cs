using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Health;
using GruPedalPi.Firmware.Presets;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// What the request handlers share (<see cref="PedalRequests"/>, <see cref="PresetRequests"/>,
/// <see cref="MidiRequests"/>): the pedal and the library, the parts the service attaches after start-up, the gate
/// that puts pedal changes in arrival order, and the response envelope (<c>v</c>, <c>id</c>, <c>ok</c>,
/// <c>service</c>, <c>error</c>). Thread-safe: the attached parts are set once by the service, before or while
/// requests arrive, and read at every request.
/// </summary>
internal sealed class ControlContext
{
    private int _lastSource = -1;

    /// <summary>Creates the context.</summary>
    /// <param name="pedal">The running pedal, or null when the service is not running (file-only commands).</param>
    /// <param name="library">The presets and the set list.</param>
    public ControlContext(IPedalControl? pedal, PresetLibrary library)
    {
        Pedal = pedal;
        Library = library;
        if (pedal is not null)
        {
            pedal.Changed += source => Volatile.Write(ref _lastSource, (int)source);
        }
    }

    /// <summary>The running pedal, or null in the command line's file-only mode.</summary>
    public IPedalControl? Pedal { get; }

    /// <summary>The presets and the set list.</summary>
    public PresetLibrary Library { get; }

    /// <summary>Held while a request changes the pedal, so that concurrent changes apply one at a time. A spin gate,
    /// not a lock: <c>set</c> and <c>bypass</c> allocate nothing, and a lock allocates the first time two clients meet
    /// on it (184 bytes under NativeAOT, measured; see <see cref="SpinGate"/>).</summary>
    public SpinGate PedalGate { get; } = new();

    /// <summary>Where the last change came from, as a <see cref="ControlSource"/> (-1: none yet).</summary>
    public int LastSource => Volatile.Read(ref _lastSource);

    /// <summary>The running pedal's MIDI input and expression pedal, or null.</summary>
    public Midi.IMidiControl? Midi { get; set; }

    /// <summary>The server's counters, or null.</summary>
    public ControlServerStatistics? Statistics { get; set; }

    /// <summary>The machine's temperature and throttling, or null.</summary>
    public SystemHealthReader? Health { get; set; }

    /// <summary>The running pedal's audio engine (meters and gate), or null.</summary>
    public AudioEngine? Engine { get; set; }

    /// <summary>The running pedal's knobs, or null (read at every request: the surface is built after the socket starts).</summary>
    public Func<IKnobPanel?>? Knobs { get; set; }

    /// <summary>The running pedal's tuner, or null.</summary>
    public ITunerControl? Tuner { get; set; }

    /// <summary>Opens a response object: <c>v</c>, the request's <c>id</c>, <c>ok</c> and <c>service</c>.</summary>
    public void Begin(Utf8JsonWriter w, ref ControlRequest req, bool ok = true)
    {
        w.WriteStartObject();
        w.WriteNumber("v"u8, ControlProtocol.Version);
        if (req.HasId)
        {
            w.WriteNumber("id"u8, req.Id);
        }

        w.WriteBoolean("ok"u8, ok);
        w.WriteBoolean("service"u8, Pedal is not null);
    }

    /// <summary>Writes a whole successful response from its record (<see cref="Wire"/>), with this request's envelope:
    /// for the occasional commands, which may allocate; the steady ones write allocation-free with <see cref="Begin"/>.</summary>
    /// <returns><see cref="ControlRequestHandler.Outcome.Ok"/>.</returns>
    public ControlRequestHandler.Outcome Respond<T>(Utf8JsonWriter w, ref ControlRequest req, T response, JsonTypeInfo<T> type)
        where T : Wire.ControlResponse
    {
        JsonSerializer.Serialize(w, response with { Id = req.HasId ? req.Id : null, Ok = true, Service = Pedal is not null }, type);
        return ControlRequestHandler.Outcome.Ok;
    }

    /// <summary>Writes a whole error response (<paramref name="code"/> is one of <see cref="ErrorCodes"/>).</summary>
    public void WriteError(Utf8JsonWriter w, ref ControlRequest req, string code, scoped ReadOnlySpan<char> message)
    {
        Begin(w, ref req, ok: false);
        w.WriteStartObject("error"u8);
        w.WriteString("code"u8, code);
        w.WriteString("message"u8, message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Answers that the command needs the running service.</summary>
    public ControlRequestHandler.Outcome NotRunning(ref ControlRequest req, Utf8JsonWriter w)
    {
        WriteError(w, ref req, ErrorCodes.NotRunning, "the gru-pedal service is not running (start it with `sudo systemctl start gru-pedal`)");
        return ControlRequestHandler.Outcome.Error;
    }

    /// <summary><paramref name="value"/>, or a bad_request error naming the missing <paramref name="field"/>.</summary>
    public static string Required(string? value, string field) => value ?? throw Missing(field);

    /// <summary>The bad_request error for a missing field.</summary>
    public static PresetLibraryException Missing(string field) => new(ErrorCodes.BadRequest, $"missing field {field}");

    /// <summary>A request line without the white space around it.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Trim(" \t\r\n"u8);
}
