using System.Text;
using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Midi;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Service;
using GruPedalPi.Firmware.Tests.Control;
using GruPedalPi.Firmware.Tests.Presets;
using GruPedalPi.Firmware.Tests.Support;
using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Firmware.Tests.Midi;

public sealed class MidiControlRequestTests : IDisposable
{
    private const string Config = """
        { "knobs": [ { "channel": 0, "parameter": "wh", "taper": "log" }, { "channel": 1, "parameter": "mix" } ],
          "midi": { "cc": { "7": "level" } }, "takeover": "jump",
          "expression": { "channel": 7, "parameter": "tone" } }
        """;

    private readonly TempDir _dir = new();
    private readonly SurfaceRig _rig;
    private readonly PresetLibrary _library;
    private readonly MidiService _service;
    private readonly ControlRequestHandler _handler;
    private readonly ListLogger _log = new();

    public MidiControlRequestTests()
    {
        _rig = new SurfaceRig(ConfigLoader.Parse(Config, "c.json"));
        _library = new PresetLibrary(_dir.Path);
        _service = new MidiService(_rig.Config, () => _rig.Surface, _dir.Path, _log);
        _service.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _handler = new ControlRequestHandler(_rig.Pedal, _library) { Midi = _service };
    }

    public void Dispose()
    {
        _service.Dispose();
        _library.Dispose();
        _rig.Dispose();
        _dir.Dispose();
    }

    private JsonElement Ask(string json)
    {
        using var output = new ControlResponseWriter();
        _handler.Handle(Encoding.UTF8.GetBytes(json), output);
        return JsonDocument.Parse(output.Finish().ToArray()).RootElement.Clone();
    }

    private void Send(MidiMessage m)
    {
        _rig.Surface.Inbox!.OnMidi(m, _rig.Clock.GetTimestamp());
        _rig.Surface.Tick();
    }

    [Fact]
    public async Task Learn_maps_the_next_control_change_saves_it_under_the_data_folder_and_list_shows_it()
    {
        var answer = Task.Run(() => Ask("""{"v":1,"cmd":"midi.learn","name":"drive","value":10}"""));
        // The control thread (this one): once the request waits for a CC, a controller moves.
        Assert.True(SpinWait.SpinUntil(() => _rig.Surface.Midi!.IsLearning, TimeSpan.FromSeconds(10)));
        Send(MidiMessage.ControlChange(0, 21, 90));
        var r = await answer;
        Assert.True(r.GetProperty("ok").GetBoolean(), r.ToString());
        Assert.Equal(21, r.GetProperty("cc").GetInt32());
        Assert.Equal("wh", r.GetProperty("target").GetString()); // canonical, as midi.list names it, not as typed ("drive")
        Assert.Contains("\"21\": \"wh\"", File.ReadAllText(Path.Combine(_dir.Path, "midi.json")));
        Send(MidiMessage.ControlChange(0, 21, 127));
        Assert.Equal(5f, _rig.Pedal.Settings[ParameterId.Wh]);

        var list = Ask("""{"v":1,"cmd":"midi.list"}""");
        var entries = list.GetProperty("cc").EnumerateArray().Select(e => $"{e.GetProperty("cc").GetInt32()} {e.GetProperty("target").GetString()} {e.GetProperty("origin").GetString()}").ToList();
        Assert.Equal(["7 output_gain_db config", "21 wh learned"], entries);
        Assert.Equal("omni", list.GetProperty("channel").GetString());

        // A restart reads it back.
        var again = new MidiService(_rig.Config, () => _rig.Surface, _dir.Path, _log);
        _rig.Surface.Midi!.Map = _rig.Config.ResolvedMidi;
        await again.StartAsync(CancellationToken.None);
        Assert.Equal(MidiTargetKind.Parameter, _rig.Surface.Midi.Map[21].Kind);
        again.Dispose();
    }

    [Fact]
    public void Learn_with_an_unknown_target_names_it()
    {
        var r = Ask("""{"v":1,"cmd":"midi.learn","name":"volume","value":5}""");
        Assert.False(r.GetProperty("ok").GetBoolean());
        Assert.Contains("unknown parameter or action \"volume\"", r.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void Forget_unmaps_a_configured_cc_and_remembers_it()
    {
        var r = Ask("""{"v":1,"cmd":"midi.forget","cc":7}""");
        Assert.True(r.GetProperty("ok").GetBoolean(), r.ToString());
        Assert.Equal(MidiTargetKind.None, _rig.Surface.Midi!.Map[7].Kind);
        Assert.Contains("\"7\": \"none\"", File.ReadAllText(Path.Combine(_dir.Path, "midi.json")));
        var again = Ask("""{"v":1,"cmd":"midi.forget","cc":7}""");
        Assert.Contains("CC 7 is not mapped", again.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void Monitor_returns_what_arrived_since_a_sequence_number_and_status_shows_the_midi_counters()
    {
        var start = Ask("""{"v":1,"cmd":"midi.monitor","since":9223372036854775807}""").GetProperty("next").GetInt64();
        Send(MidiMessage.ControlChange(0, 7, 30));
        Send(MidiMessage.ProgramChange(0, 1));
        var r = Ask($$"""{"v":1,"cmd":"midi.monitor","since":{{start}}}""");
        Assert.Equal(["ch 1 control change 7 = 30", "ch 1 program change 1"],
            r.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(start + 2, r.GetProperty("next").GetInt64());

        var status = Ask("""{"v":1,"cmd":"status"}""").GetProperty("midi");
        Assert.Equal(2, status.GetProperty("received").GetInt64());
        Assert.Equal(1, status.GetProperty("program_changes").GetInt64());
        Assert.Equal("program_change", status.GetProperty("last").GetProperty("kind").GetString());
        Assert.Equal(1, status.GetProperty("last").GetProperty("data1").GetInt32());
        Assert.False(status.GetProperty("sequencer").GetBoolean() && !File.Exists("/dev/snd/seq"));
    }

    [Fact]
    public void Calibrate_saves_the_readings_and_a_bad_pair_is_refused()
    {
        _rig.Knob(7, 800);
        _rig.RunTo(300);
        var reading = Ask("""{"v":1,"cmd":"expression.read"}""").GetProperty("reading").GetDouble();
        Assert.InRange(reading, 795, 830); // the knob filter's position: its 2 % end zones stretch the middle slightly
        var ok = Ask("""{"v":1,"cmd":"expression.calibrate","heel":40,"toe":980}""");
        Assert.True(ok.GetProperty("ok").GetBoolean(), ok.ToString());
        Assert.Equal(new GruPedalPi.Firmware.Control.ExpressionCalibration(40, 980), GruPedalPi.Firmware.Control.ExpressionCalibrationFile.Read(_dir.Path));
        Assert.Equal(new GruPedalPi.Firmware.Control.ExpressionCalibration(40, 980), _rig.Surface.Calibration);
        var bad = Ask("""{"v":1,"cmd":"expression.calibrate","heel":500,"toe":505}""");
        Assert.Contains("less than 16 of 1023 apart", bad.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void The_midi_status_fields_are_written_without_allocating()
    {
        Send(MidiMessage.ControlChange(0, 7, 30));
        using var output = new ControlResponseWriter();
        void Write()
        {
            output.Clear();
            output.Json.WriteStartObject();
            _service.WriteStatus(output.Json);
            output.Json.WriteEndObject();
            output.Finish();
        }

        for (var i = 0; i < 200; i++)
        {
            Write();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Write();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Write();
        Assert.Contains("\"last\":{\"kind\":\"control_change\",\"channel\":1,\"data1\":7,\"data2\":30}", Encoding.UTF8.GetString(output.Finish()));
    }

    [Fact]
    public void A_midi_monitor_request_is_answered_without_allocating()
    {
        // `gru-pedal midi monitor` polls this request several times a second while the pedal plays.
        for (var i = 0; i < 20; i++)
        {
            Send(MidiMessage.ControlChange(0, 7, i));
        }

        var request = Encoding.UTF8.GetBytes("""{"v":1,"cmd":"midi.monitor","since":5}""");
        using var output = new ControlResponseWriter();
        void Ask()
        {
            output.Clear();
            _handler.Handle(request, output);
        }

        // One warm-up batch pays the first calls' one-time costs. No wait for the JIT's tiering: the messages' text no
        // longer goes through an interpolated string, whose tier-0 code boxed every number (a CI run on a loaded
        // machine measured 1 152 bytes a request after 5 s of waiting); MidiMessageTests holds the formatting itself to
        // 0 bytes at tier 0.
        long Batch()
        {
            var start = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                Ask();
            }

            return GC.GetAllocatedBytesForCurrentThread() - start;
        }

        Batch();
        var bytes = Batch();
        Ask();
        var text = Encoding.UTF8.GetString(output.Finish());
        Assert.Contains("\"seq\":5,", text);
        Assert.Contains("\"next\":21", text);
        Assert.Equal(0, bytes);
    }
}
