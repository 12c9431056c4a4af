using System.Globalization;
using System.Text.Json;
using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;
using GruPedalPi.Firmware.Midi;
using GruPedalPi.Hardware.Midi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// MIDI in and the expression pedal's calibration for <c>gru-pedal run</c>: applies the learned map
/// (<see cref="LearnedMidiFile"/>) and the saved calibration to the control surface, opens the ALSA sequencer input
/// (port <c>gru-pedal</c>, every source subscribed, new ones through the announce port) and the optional serial input,
/// both queueing into the surface's <see cref="MidiInbox"/>; answers the socket's <c>midi</c> and <c>expression</c>
/// requests (<see cref="IMidiControl"/>). A missing sequencer or serial device is one log line: the pedal plays on.
/// Start it after the <see cref="ControlSurfaceService"/>.
/// </summary>
public sealed class MidiService : IHostedService, IMidiControl, IDisposable
{
    private readonly PedalConfig _config;
    private readonly Func<ControlSurface?> _surface;
    private readonly string _dataDirectory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _fileGate = new();
    private readonly MidiMessage[] _monitorMessages = new MidiMessage[64];
    private readonly long[] _monitorTimes = new long[64];
    private readonly char[] _text = new char[64];
    private AlsaSequencerInput? _sequencer;
    private Thread? _sequencerThread;
    private RawMidiInput? _serial;
    private int _disposed;

    /// <summary>Creates the service (nothing opens until started).</summary>
    /// <param name="config">The validated configuration.</param>
    /// <param name="surface">The control surface, once started (null when its devices could not be opened).</param>
    /// <param name="dataDirectory">Where the learned map and the calibration are saved.</param>
    /// <param name="logger">The service's log.</param>
    public MidiService(PedalConfig config, Func<ControlSurface?> surface, string dataDirectory, ILogger logger)
    {
        _config = config;
        _surface = surface;
        _dataDirectory = dataDirectory;
        _logger = logger;
    }

    private ControlSurface? Surface => _surface();

    /// <summary>The sequencer input, when open.</summary>
    public AlsaSequencerInput? Sequencer => _sequencer;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var surface = Surface;
        if (surface is null)
        {
            return Task.CompletedTask;
        }

        if (surface.HasExpression)
        {
            try
            {
                if (ExpressionCalibrationFile.Read(_dataDirectory) is { } calibration)
                {
                    surface.Calibration = calibration;
                    _logger.LogInformation("Expression pedal calibrated: heel {Heel:F0}, toe {Toe:F0} (of 1023)", calibration.HeelRaw, calibration.ToeRaw);
                }
            }
            catch (InvalidDataException e)
            {
                _logger.LogError("Expression pedal calibration ignored: {Message}", e.Message);
            }
        }

        if (surface.Midi is not { } midi)
        {
            return Task.CompletedTask;
        }

        try
        {
            midi.Map = LearnedMidiFile.Apply(_config.ResolvedMidi, LearnedMidiFile.Read(_dataDirectory), _config.ResolvedKnobs,
                p => _logger.LogError("MIDI: learned mapping ignored: {Problem}", p));
        }
        catch (InvalidDataException e)
        {
            _logger.LogError("MIDI: learned mappings ignored: {Message}", e.Message);
        }

        var inbox = surface.Inbox!;
        if (_config.Midi.Sequencer)
        {
            try
            {
                var seq = AlsaSequencerInput.Open("gru-pedal", inbox);
                seq.SourceChanged += (name, up) =>
                {
                    if (up)
                    {
                        _logger.LogInformation("MIDI source connected: {Source}", name);
                    }
                    else
                    {
                        _logger.LogWarning("MIDI source gone: {Source} (it is picked up again when it returns)", name);
                    }
                };
                seq.SubscribeExisting();
                _sequencer = seq;
                _sequencerThread = seq.StartThread(_stop.Token, e => _logger.LogError("MIDI: the sequencer input stopped: {Message}", e.Message));
                _logger.LogInformation("MIDI in on ALSA sequencer port {Client}:{Port} ({Name}), {Sources} sources", seq.Client, seq.Port, AlsaSequencerInput.PortName, seq.SourceCount);
            }
            catch (IOException e)
            {
                _logger.LogWarning("MIDI in over the ALSA sequencer is off: {Message}", e.Message);
            }
        }

        if (_config.Midi.Serial is { } path)
        {
            _serial = new RawMidiInput(path, inbox);
            _serial.StateChanged += (up, why) =>
            {
                if (up)
                {
                    _logger.LogInformation("MIDI in on {Device}", path);
                }
                else
                {
                    _logger.LogWarning("MIDI device {Device} unavailable: {Reason} (retrying until it returns)", path, why);
                }
            };
            _serial.Start();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stop.Cancel();
        _sequencerThread?.Join(TimeSpan.FromSeconds(2));
        _serial?.Dispose();
        _serial = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void WriteStatus(Utf8JsonWriter w)
    {
        var surface = Surface;
        var inbox = surface?.Inbox;
        w.WriteBoolean("enabled"u8, inbox is not null);
        w.WriteBoolean("sequencer"u8, _sequencer is not null);
        w.WriteStartArray("sources"u8);
        _sequencer?.WriteSources(w);
        if (_serial is { } serial)
        {
            if (serial.Connected)
            {
                w.WriteStringValue(serial.Path);
            }
        }

        w.WriteEndArray();
        w.WriteNumber("received"u8, inbox?.Received ?? 0);
        w.WriteNumber("program_changes"u8, surface?.Midi?.ProgramChanges ?? 0);
        w.WriteNumber("control_changes"u8, surface?.Midi?.ControlChanges ?? 0);
        w.WriteNumber("dropped"u8, inbox?.Dropped ?? 0);
        var last = inbox?.Last ?? default;
        if (last.Kind == MidiMessageKind.None)
        {
            w.WriteNull("last"u8);
        }
        else
        {
            w.WriteStartObject("last"u8);
            w.WriteString("kind"u8, last.Kind switch
            {
                MidiMessageKind.ControlChange => "control_change"u8,
                MidiMessageKind.ProgramChange => "program_change"u8,
                MidiMessageKind.NoteOn => "note_on"u8,
                MidiMessageKind.NoteOff => "note_off"u8,
                MidiMessageKind.PolyPressure => "key_pressure"u8,
                MidiMessageKind.ChannelPressure => "channel_pressure"u8,
                _ => "pitch_bend"u8,
            });
            w.WriteNumber("channel"u8, last.Channel + 1);
            w.WriteNumber("data1"u8, last.Data1);
            w.WriteNumber("data2"u8, last.Data2);
            w.WriteEndObject();
        }
    }

    /// <inheritdoc />
    public int Learn(string target, TimeSpan timeout, out string targetName, out string error)
    {
        targetName = "";
        error = "";
        var midi = Surface?.Midi;
        if (midi is null)
        {
            error = "MIDI is off (no control surface)";
            return -1;
        }

        if (!MidiMap.TryResolve(target, _config.ResolvedKnobs, out var t, out error))
        {
            return -1;
        }

        var cc = midi.Learn(t, timeout, _stop.Token);
        if (cc < 0)
        {
            error = $"no Control Change arrived in {timeout.TotalSeconds:0} s (is the controller connected? `gru-pedal midi monitor` shows what arrives)";
            return -1;
        }

        targetName = t.Name;
        Save(cc, t.Name);
        _logger.LogInformation("MIDI: learned CC {Cc} -> {Target}", cc, t.Name);
        return cc;
    }

    /// <inheritdoc />
    public void WriteMap(Utf8JsonWriter w)
    {
        var map = Surface?.Midi?.Map ?? _config.ResolvedMidi;
        SortedDictionary<int, string> learned;
        lock (_fileGate)
        {
            learned = SafeRead();
        }

        w.WriteString("channel"u8, map.Channel < 0 ? "omni" : (map.Channel + 1).ToString(CultureInfo.InvariantCulture));
        w.WriteStartArray("cc"u8);
        foreach (var (cc, target) in map.Mapped())
        {
            w.WriteStartObject();
            w.WriteNumber("cc"u8, cc);
            w.WriteString("target"u8, target.Name);
            w.WriteString("origin"u8, learned.ContainsKey(cc) ? "learned" : "config");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <inheritdoc />
    public bool Forget(int cc, out string error)
    {
        error = "";
        var midi = Surface?.Midi;
        if (midi is null)
        {
            error = "MIDI is off (no control surface)";
            return false;
        }

        if (cc is < 0 or > 127)
        {
            error = $"CC {cc} is out of range 0..127";
            return false;
        }

        if (midi.Map[cc].Kind == MidiTargetKind.None)
        {
            error = $"CC {cc} is not mapped";
            return false;
        }

        midi.Map = midi.Map.With(cc, default);
        lock (_fileGate)
        {
            var learned = SafeRead();
            if (_config.ResolvedMidi[cc].Kind == MidiTargetKind.None)
            {
                learned.Remove(cc);
            }
            else
            {
                learned[cc] = "none"; // the configuration maps it: remember that it is unmapped
            }

            LearnedMidiFile.Write(_dataDirectory, learned);
        }

        return true;
    }

    /// <inheritdoc />
    public void WriteMonitor(Utf8JsonWriter w, long since)
    {
        var monitor = Surface?.Monitor;
        if (monitor is null)
        {
            w.WriteNumber("next"u8, 0);
            w.WriteStartArray("messages"u8);
            w.WriteEndArray();
            return;
        }

        lock (_monitorMessages)
        {
            var n = monitor.CopySince(since, _monitorMessages, _monitorTimes, out var first);
            w.WriteNumber("next"u8, first + n);
            w.WriteStartArray("messages"u8);
            for (var i = 0; i < n; i++)
            {
                var m = _monitorMessages[i];
                w.WriteStartObject();
                w.WriteNumber("seq"u8, first + i);
                _monitorMessages[i].TryFormat(_text, out var len);
                w.WriteString("text"u8, _text.AsSpan(0, len));
                w.WriteNumber("channel"u8, m.Channel + 1);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    /// <inheritdoc />
    public double ExpressionReading => Surface is { HasExpression: true } s ? s.ExpressionReading : double.NaN;

    /// <inheritdoc />
    public bool Calibrate(double heelRaw, double toeRaw, out string error)
    {
        error = "";
        var surface = Surface;
        if (surface is not { HasExpression: true })
        {
            error = "no expression pedal (set \"expression\": {\"channel\": N} in the configuration)";
            return false;
        }

        var calibration = new ExpressionCalibration(heelRaw, toeRaw);
        if (!calibration.IsValid)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"heel {heelRaw:F0} and toe {toeRaw:F0} are less than 16 of 1023 apart: move the pedal all the way between the two readings");
            return false;
        }

        surface.Calibration = calibration;
        ExpressionCalibrationFile.Write(_dataDirectory, calibration);
        _logger.LogInformation("Expression pedal calibrated: heel {Heel:F0}, toe {Toe:F0} (of 1023)", heelRaw, toeRaw);
        return true;
    }

    private void Save(int cc, string name)
    {
        lock (_fileGate)
        {
            var learned = SafeRead();
            learned[cc] = name;
            LearnedMidiFile.Write(_dataDirectory, learned);
        }
    }

    private SortedDictionary<int, string> SafeRead()
    {
        try
        {
            return LearnedMidiFile.Read(_dataDirectory);
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _sequencerThread?.Join(TimeSpan.FromSeconds(2));
        _sequencer?.Dispose();
        _serial?.Dispose();
        _stop.Dispose();
    }
}
