using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Health;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;
using GruPedalPi.Firmware.Service;
using GruPedalPi.Firmware.Tests.Control;
using GruPedalPi.Hardware.Midi;
using Microsoft.Extensions.Logging.Abstractions;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>
/// The records of <see cref="GruPedalPi.Firmware.Remote.Wire"/> are the protocol's one definition: every line the real
/// server writes (by hand, with <see cref="Utf8JsonWriter"/>) reads into its command's record with
/// <see cref="WireJsonContext.Strict"/> (no field the records do not name) and the record writes it back, with
/// <see cref="WireJsonContext.Default"/>, as the same JSON (no field the server does not write, no name spelled
/// differently). Each command is answered with its optional parts both present and absent.
/// </summary>
public sealed class WireRecordTests
{
    /// <summary>The record each command's successful response reads into.</summary>
    private static readonly IReadOnlyDictionary<ControlCommand, JsonTypeInfo> ResponseTypes = new Dictionary<ControlCommand, JsonTypeInfo>
    {
        [ControlCommand.Ping] = WireJsonContext.Default.PingResponse,
        [ControlCommand.Status] = WireJsonContext.Default.StatusResponse,
        [ControlCommand.Get] = WireJsonContext.Default.PedalStateResponse,
        [ControlCommand.Set] = WireJsonContext.Default.SetResponse,
        [ControlCommand.Bypass] = WireJsonContext.Default.BypassResponse,
        [ControlCommand.PresetList] = WireJsonContext.Default.PresetListResponse,
        [ControlCommand.PresetShow] = WireJsonContext.Default.PresetShowResponse,
        [ControlCommand.PresetLoad] = WireJsonContext.Default.PresetLoadResponse,
        [ControlCommand.PresetSave] = WireJsonContext.Default.PresetSaveResponse,
        [ControlCommand.PresetRemove] = WireJsonContext.Default.PresetRemoveResponse,
        [ControlCommand.PresetRename] = WireJsonContext.Default.PresetRenameResponse,
        [ControlCommand.SetListShow] = WireJsonContext.Default.SetListResponse,
        [ControlCommand.SetListSet] = WireJsonContext.Default.SetListResponse,
        [ControlCommand.SetListAdd] = WireJsonContext.Default.SetListResponse,
        [ControlCommand.SetListRemove] = WireJsonContext.Default.SetListResponse,
        [ControlCommand.SetListMove] = WireJsonContext.Default.SetListResponse,
        [ControlCommand.MidiLearn] = WireJsonContext.Default.MidiLearnResponse,
        [ControlCommand.MidiList] = WireJsonContext.Default.MidiListResponse,
        [ControlCommand.MidiForget] = WireJsonContext.Default.MidiForgetResponse,
        [ControlCommand.MidiMonitor] = WireJsonContext.Default.MidiMonitorResponse,
        [ControlCommand.ExpressionRead] = WireJsonContext.Default.ExpressionReadResponse,
        [ControlCommand.ExpressionCalibrate] = WireJsonContext.Default.ExpressionCalibrateResponse,
        [ControlCommand.SetListNext] = WireJsonContext.Default.SetListStepResponse,
        [ControlCommand.SetListPrevious] = WireJsonContext.Default.SetListStepResponse,
        [ControlCommand.Monitor] = WireJsonContext.Default.MonitorResponse,
        [ControlCommand.Tuner] = WireJsonContext.Default.TunerResponse,
    };

    // Knobs on wh and mix (the other parameters have none), a configured CC and an expression pedal.
    private const string RigConfig = """
        { "knobs": [ { "channel": 0, "parameter": "wh", "taper": "log" }, { "channel": 1, "parameter": "mix" } ],
          "midi": { "cc": { "7": "level" } }, "takeover": "jump",
          "expression": { "channel": 7, "parameter": "tone" } }
        """;

    /// <summary>One response line of the server, with what it answered and which variant of it this is.</summary>
    private sealed record Answer(string Label, ControlCommand Command, string Line);

    [Fact]
    public void Every_command_but_none_has_a_response_record_in_the_table()
    {
        var commands = Enum.GetValues<ControlCommand>().Where(c => c != ControlCommand.None).ToList();
        var missing = commands.Where(c => !ResponseTypes.ContainsKey(c)).Select(ControlCommandNames.Name).ToList();
        Assert.True(missing.Count == 0, "these commands have no response record in WireRecordTests.ResponseTypes: " + string.Join(", ", missing));
        Assert.False(ResponseTypes.ContainsKey(ControlCommand.None), "None is no command and has no response record");
        Assert.True(ResponseTypes.Values.All(t => typeof(ControlResponse).IsAssignableFrom(t.Type)), "every response record is a ControlResponse");
    }

    [Fact]
    public void Every_command_has_a_successful_answer_among_the_scenarios()
    {
        var answered = HarnessAnswers().Concat(FullServerAnswers()).Concat(HandlerAnswers())
            .Where(a => IsOk(a.Line)).Select(a => a.Command).ToHashSet();
        var missing = ResponseTypes.Keys.Where(c => !answered.Contains(c)).Select(ControlCommandNames.Name).ToList();
        Assert.True(missing.Count == 0, "no scenario of WireRecordTests answers these commands successfully: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_harness_server_answers_the_pedal_preset_and_setlist_commands_as_their_records_read_and_write_them() =>
        AssertRoundTrips(HarnessAnswers());

    [Fact]
    public void A_server_with_midi_expression_tuner_engine_knobs_and_health_answers_as_the_records_read_and_write_it() =>
        AssertRoundTrips(FullServerAnswers());

    [Fact]
    public void The_handler_without_a_server_or_without_a_pedal_answers_as_the_records_read_and_write_it() =>
        AssertRoundTrips(HandlerAnswers());

    [Fact]
    public void Error_responses_round_trip_through_the_bare_response()
    {
        var answers = new List<Answer>();
        using (var h = new ServerHarness())
        {
            void Ask(string label, ControlCommand command, byte[] request) => answers.Add(new(label, command, h.Ask(Encoding.UTF8.GetString(request))));

            Ask("set with an unknown parameter", ControlCommand.Set, ControlRequestBuilder.Build(ControlCommand.Set, new() { Param = "volume", Value = 1 }, id: 12));
            Ask("set out of range", ControlCommand.Set, ControlRequestBuilder.Build(ControlCommand.Set, new() { Param = "wh", Value = 99 }));
            Ask("bypass without a state", ControlCommand.Bypass, ControlRequestBuilder.Build(ControlCommand.Bypass));
            Ask("preset.load of a missing preset", ControlCommand.PresetLoad, ControlRequestBuilder.Build(ControlCommand.PresetLoad, new() { Name = "Nope" }, id: 4));
            Ask("midi.list without MIDI", ControlCommand.MidiList, ControlRequestBuilder.Build(ControlCommand.MidiList));
            Ask("tuner without a tuner", ControlCommand.Tuner, ControlRequestBuilder.Build(ControlCommand.Tuner));
            // A field no record has (so no client can build it): written out by hand.
            Ask("a request with an unknown field", ControlCommand.Ping, Encoding.UTF8.GetBytes("""{"v":1,"cmd":"ping","colour":"red"}"""));
        }

        var failures = new List<string>();
        foreach (var a in answers)
        {
            if (IsOk(a.Line))
            {
                failures.Add($"{a.Label}: expected an error, the server answered\n  server: {a.Line}");
                continue;
            }

            if (Disagreement(a, WireJsonContext.Default.BareResponse) is { } d)
            {
                failures.Add(d);
            }
        }

        Assert.True(failures.Count == 0, "the error responses and BareResponse disagree:\n" + string.Join("\n", failures));
    }

    /// <summary>The real server of <see cref="ServerHarness"/> (a fake pedal, no MIDI, tuner, engine or knobs).</summary>
    private static List<Answer> HarnessAnswers()
    {
        var answers = new List<Answer>();
        using var h = new ServerHarness();
        using var noHealth = new TempDir(); // a machine that says nothing: every health field null
        using var healthReader = new SystemHealthReader(noHealth.Path);
        h.Server.Handler.Health = healthReader;

        void Ask(string label, ControlCommand command, ControlRequestMessage? fields = null, int? id = null) =>
            answers.Add(new(label, command, h.Ask(Encoding.UTF8.GetString(ControlRequestBuilder.Build(command, fields, id)))));

        Ask("ping with an id", ControlCommand.Ping, id: 3);
        Ask("ping without an id", ControlCommand.Ping);
        Ask("status, health all null", ControlCommand.Status, id: 1);
        h.Pedal.Fault = "the audio device went away";
        Ask("status with a fault", ControlCommand.Status);
        Ask("monitor with a fault, no engine, knobs, tuner or midi", ControlCommand.Monitor);
        h.Pedal.Fault = null;

        Ask("get before any change", ControlCommand.Get);
        Ask("set", ControlCommand.Set, new() { Param = "wh", Value = 2.5 }, id: 7);
        Ask("get of every parameter", ControlCommand.Get, id: 8);
        Ask("get of one parameter", ControlCommand.Get, new() { Param = "drive" });
        Ask("bypass toggle", ControlCommand.Bypass, new() { State = "toggle" });
        Ask("bypass off", ControlCommand.Bypass, new() { State = "off" });

        Ask("preset.list, factory presets only", ControlCommand.PresetList);
        Ask("preset.save from the current sound", ControlCommand.PresetSave, new() { Name = "Lead" });
        Ask("get of the preset just saved (not modified)", ControlCommand.Get);
        Ask("set away from the preset", ControlCommand.Set, new() { Param = "mix", Value = 0.25 });
        Ask("get of a modified preset", ControlCommand.Get);
        Ask("preset.save of a given preset with notes", ControlCommand.PresetSave, new()
        {
            Name = "Clean",
            Notes = "for the verses",
            Preset = JsonDocument.Parse(PresetFormat.ToBytes(new Preset("Clean", PedalSettings.Defaults, null))).RootElement,
        });
        Ask("preset.save overriding a factory preset", ControlCommand.PresetSave, new() { Name = "Hot Drive", From = "Tube Grit" });
        Ask("preset.show of a factory preset", ControlCommand.PresetShow, new() { Name = "Odd Fuzz" });
        Ask("preset.show of a user preset with notes", ControlCommand.PresetShow, new() { Name = "Clean" });
        Ask("preset.show of an override", ControlCommand.PresetShow, new() { Name = "Hot Drive" });
        Ask("preset.load", ControlCommand.PresetLoad, new() { Name = "Odd Fuzz" }, id: 9);
        Ask("preset.list, current, overrides and set list positions", ControlCommand.PresetList);

        // A file that cannot be read, and one that turned bad (its last good version kept).
        File.WriteAllText(Path.Combine(h.Library.PresetsDirectory, "bad.json"), "{ \"schema\": 1, \"name\": \"Bad\",\n  \"parameters\": { \"wh\": 9 } }");
        var lead = Path.Combine(h.Library.PresetsDirectory, "lead.json");
        Assert.True(File.Exists(lead), "preset.save wrote lead.json");
        File.WriteAllText(lead, "{ \"schema\": 1, \"name\": \"Lead\", ");
        File.SetLastWriteTimeUtc(lead, DateTime.UtcNow.AddSeconds(-5));
        h.Library.Refresh();
        Assert.True(h.Library.Problems.Count >= 2, "the library reports both bad files");
        Ask("preset.list with a problem and problems", ControlCommand.PresetList);
        Ask("preset.show of a kept preset with a problem", ControlCommand.PresetShow, new() { Name = "Lead" });

        Ask("preset.rename", ControlCommand.PresetRename, new() { Name = "Clean", To = "Clean Two" });
        Ask("preset.rm of a user preset", ControlCommand.PresetRemove, new() { Name = "Clean Two" });
        Ask("preset.rm of an override (the factory preset is back)", ControlCommand.PresetRemove, new() { Name = "Hot Drive" });

        Ask("setlist.show, the default", ControlCommand.SetListShow);
        Ask("setlist.next", ControlCommand.SetListNext);
        Ask("setlist.previous", ControlCommand.SetListPrevious, id: 2);
        File.WriteAllText(Path.Combine(h.DataDirectory, SetListFile.FileName), "{ \"schema\": 1, \"presets\": [ \"Odd Fuzz\", 3 ] }");
        h.Library.Refresh();
        Assert.True(h.Library.SetList.Error is not null, "the library reports the bad setlist.json");
        Ask("setlist.show with a bad setlist.json (its error a string)", ControlCommand.SetListShow);
        Ask("setlist.set", ControlCommand.SetListSet, new() { Names = ["Odd Fuzz", "Tube Grit", "Lead"] });
        Ask("setlist.add at a position", ControlCommand.SetListAdd, new() { Name = "Hot Drive", Position = 1 });
        Ask("setlist.move", ControlCommand.SetListMove, new() { Name = "Hot Drive", Position = 3 });
        Ask("setlist.remove by position", ControlCommand.SetListRemove, new() { Position = 4 });
        Ask("setlist.next in a set list", ControlCommand.SetListNext);
        Ask("preset.rm of a preset in the set list", ControlCommand.PresetRemove, new() { Name = "Lead" });
        Ask("setlist.show with an entry whose preset is gone", ControlCommand.SetListShow);
        Ask("status in a set list", ControlCommand.Status);
        Ask("monitor, no engine, knobs, tuner or midi", ControlCommand.Monitor, id: 20);
        return answers;
    }

    /// <summary>A real server around a handler with everything the service attaches: a control surface with knobs, MIDI
    /// and an expression pedal, the MIDI service, an audio engine, a tuner and a Raspberry Pi's health files.</summary>
    private static List<Answer> FullServerAnswers()
    {
        var answers = new List<Answer>();
        using var dir = new TempDir();
        using var rig = new SurfaceRig(ConfigLoader.Parse(RigConfig, "c.json"));
        using var library = new PresetLibrary(Path.Combine(dir.Path, "data"));
        using var midi = new MidiService(rig.Config, () => rig.Surface, library.DataDirectory, NullLogger.Instance);
        midi.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        var pi = Path.Combine(dir.Path, "pi");
        WriteKernelFile(pi, SystemHealthReader.TemperatureFile, "48312\n");
        WriteKernelFile(pi, SystemHealthReader.ThrottledFile, "50005\n");
        WriteKernelFile(pi, SystemHealthReader.UptimeFile, "12345.67 23456.78\n");
        using var health = new SystemHealthReader(pi);
        var engine = new AudioEngine(new PedalChain(new ChainOptions()), new ParameterQueue(64), new EngineRouting());
        engine.Prepare(48000, 64);
        var tuner = new StubTuner();
        var handler = new ControlRequestHandler(rig.Pedal, library)
        {
            Midi = midi,
            Health = health,
            Engine = engine,
            Knobs = () => rig.Surface,
            Tuner = tuner,
        };
        using var server = new ControlServer(Path.Combine(dir.Path, "control.sock"), handler);
        server.Start();

        string AskLine(ControlCommand command, ControlRequestMessage? fields, int? id)
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 60_000, SendTimeout = 10_000 };
            socket.Connect(new UnixDomainSocketEndPoint(server.SocketPath));
            return ServerHarness.Exchange(socket, Encoding.UTF8.GetString(ControlRequestBuilder.Build(command, fields, id)));
        }

        void Ask(string label, ControlCommand command, ControlRequestMessage? fields = null, int? id = null) =>
            answers.Add(new(label, command, AskLine(command, fields, id)));

        void Send(MidiMessage m)
        {
            rig.Surface.Inbox!.OnMidi(m, rig.Clock.GetTimestamp());
            rig.Surface.Tick();
        }

        Ask("status before any MIDI message (last null), a Pi's health, the socket's counters", ControlCommand.Status, id: 1);
        Ask("midi.monitor with nothing received", ControlCommand.MidiMonitor, new() { Since = 0 });
        Ask("midi.list, configured only", ControlCommand.MidiList);

        // midi.learn waits for the next Control Change: the control thread (this one) sends it once it waits.
        var learn = Task.Run(() => AskLine(ControlCommand.MidiLearn, new() { Name = "drive", Value = 30 }, 5));
        Assert.True(SpinWait.SpinUntil(() => rig.Surface.Midi!.IsLearning, TimeSpan.FromSeconds(30)), "midi.learn waits for a Control Change");
        Send(MidiMessage.ControlChange(0, 21, 90));
        Assert.True(learn.Wait(TimeSpan.FromSeconds(30)), "midi.learn answered once the Control Change arrived");
        answers.Add(new("midi.learn", ControlCommand.MidiLearn, learn.Result));
        Ask("midi.list, configured and learned", ControlCommand.MidiList);

        Send(MidiMessage.ControlChange(0, 7, 30));
        Send(MidiMessage.ProgramChange(0, 1));
        Ask("midi.monitor with messages", ControlCommand.MidiMonitor, new() { Since = 0 });
        Ask("midi.monitor past the last message", ControlCommand.MidiMonitor, new() { Since = long.MaxValue });
        Ask("status with the last MIDI message", ControlCommand.Status);
        Ask("midi.forget", ControlCommand.MidiForget, new() { Cc = 7 });

        rig.Knob(7, 800);
        rig.RunTo(300);
        Ask("expression.read", ControlCommand.ExpressionRead);
        Ask("expression.calibrate", ControlCommand.ExpressionCalibrate, new() { Heel = 40, Toe = 980 });

        Ask("tuner, disengaged and no pitch", ControlCommand.Tuner);
        Ask("monitor with engine, knobs, tuner without a pitch, midi and health", ControlCommand.Monitor, id: 6);
        tuner.Pitch = true;
        Ask("tuner on, with a pitch", ControlCommand.Tuner, new() { State = "on" });
        Ask("tuner with a new reference", ControlCommand.Tuner, new() { Value = 442 });
        Ask("monitor with engine, knobs, a tuner with a pitch, midi and health", ControlCommand.Monitor);

        Ask("get of the running pedal", ControlCommand.Get);
        Ask("preset.load", ControlCommand.PresetLoad, new() { Name = "Tube Grit" });
        Ask("status after a preset load", ControlCommand.Status);
        return answers;
    }

    /// <summary>The request handler alone: the command line's file-only mode (no pedal, so <c>service</c> is false and
    /// <c>get</c> reads the saved state), and a handler with a pedal but no server (no socket counters, no health).</summary>
    private static List<Answer> HandlerAnswers()
    {
        var answers = new List<Answer>();
        using var dir = new TempDir();
        using var library = new PresetLibrary(dir.Path);
        using var output = new ControlResponseWriter();

        void Ask(ControlRequestHandler handler, string label, ControlCommand command, ControlRequestMessage? fields = null, int? id = null)
        {
            handler.Handle(ControlRequestBuilder.Build(command, fields, id), output);
            answers.Add(new(label, command, Encoding.UTF8.GetString(output.Finish()).TrimEnd('\n')));
        }

        var files = new ControlRequestHandler(null, library);
        Ask(files, "get from the files, no saved state (defaults, preset null)", ControlCommand.Get);
        Ask(files, "preset.list from the files", ControlCommand.PresetList);
        Ask(files, "preset.load from the files", ControlCommand.PresetLoad, new() { Name = "Hot Drive" }, id: 2);
        Ask(files, "get from the saved state", ControlCommand.Get, id: 3);
        Ask(files, "get of one parameter from the saved state", ControlCommand.Get, new() { Param = "mix" });
        Ask(files, "preset.save from the saved state", ControlCommand.PresetSave, new() { Name = "Mine" });
        Ask(files, "preset.show from the files", ControlCommand.PresetShow, new() { Name = "Mine" });
        Ask(files, "setlist.show from the files", ControlCommand.SetListShow);
        Ask(files, "ping from the files", ControlCommand.Ping);

        var alone = new ControlRequestHandler(new FakePedal(), library);
        Ask(alone, "status without a server: no control counters, no health, no midi", ControlCommand.Status);
        return answers;
    }

    /// <summary>Reads every answer into its command's record with the strict context and writes it back; fails with
    /// every disagreement, both lines printed.</summary>
    private static void AssertRoundTrips(IEnumerable<Answer> answers)
    {
        var failures = new List<string>();
        foreach (var a in answers)
        {
            if (!IsOk(a.Line))
            {
                failures.Add($"{a.Label}: the scenario meant a successful {ControlCommandNames.Name(a.Command)}, the server answered\n  server: {a.Line}");
                continue;
            }

            if (Disagreement(a, ResponseTypes[a.Command]) is { } d)
            {
                failures.Add(d);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} responses and their records disagree:\n" + string.Join("\n", failures));
    }

    /// <summary>Null when <paramref name="a"/> reads into <paramref name="record"/> strictly and writes back the same;
    /// otherwise what differs, with the server's line and the record's.</summary>
    private static string? Disagreement(Answer a, JsonTypeInfo record)
    {
        object? read;
        try
        {
            read = JsonSerializer.Deserialize(a.Line, WireJsonContext.Strict.GetTypeInfo(record.Type)!);
        }
        catch (JsonException ex)
        {
            return $"{a.Label}: {record.Type.Name} cannot read the server's line: {ex.Message}\n  server: {a.Line}";
        }

        var written = JsonSerializer.Serialize(read, record);
        return JsonNode.DeepEquals(JsonNode.Parse(a.Line), JsonNode.Parse(written))
            ? null
            : $"{a.Label}: {record.Type.Name} writes other JSON than the server\n  server: {a.Line}\n  record: {written}";
    }

    private static bool IsOk(string line)
    {
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.GetProperty("ok").GetBoolean();
    }

    private static void WriteKernelFile(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A tuner that hears an A2 slightly sharp once <see cref="Pitch"/> is set.</summary>
    private sealed class StubTuner : ITunerControl
    {
        public bool Pitch { get; set; }

        public bool Engaged { get; private set; }

        public double ReferenceA4Hz { get; private set; } = 440;

        public void SetEngaged(bool engaged, ControlSource source) => Engaged = engaged;

        public void SetReference(double referenceA4Hz) => ReferenceA4Hz = referenceA4Hz;

        public TunerState Read() => Pitch
            ? new()
            {
                Engaged = Engaged,
                Muted = Engaged,
                ReferenceA4Hz = ReferenceA4Hz,
                HasPitch = true,
                FrequencyHz = 110.37f,
                NoteName = "A",
                Octave = 2,
                Cents = 5.8f,
                Stable = true,
                Detections = 321,
            }
            : new() { Engaged = Engaged, ReferenceA4Hz = ReferenceA4Hz };
    }
}
