using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Controls;
using GruPedalPi.Hardware.Midi;

namespace GruPedalPi.Firmware.Midi;

/// <summary>
/// Turns MIDI messages into pedal changes, on the control thread: Program Change n (after an optional Bank Select
/// CC 0/32) loads the preset whose file names that program, else set-list position bank * 128 + n + 1, with the same
/// crossfaded load as the footswitch; a mapped Control Change sets its parameter across the knob range (with the
/// knob's taper) with soft takeover like the knobs, or acts as a bypass switch, toggle or preset step.
/// A change made elsewhere (knob, socket, preset load) re-arms the takeover of the CCs it moved. Learning maps the
/// next Control Change to a target. Allocation-free in steady state (learning builds one new map).
/// </summary>
public sealed class MidiDispatcher : IDisposable
{
    private readonly IPedalControl _pedal;
    private readonly IPresetNavigator _navigator;
    private readonly MidiMonitor? _monitor;
    private readonly KnobPickup[] _pickups = new KnobPickup[128];
    private readonly float[] _ccValue = new float[128];     // the value this CC last set (NaN: none)
    private readonly double[] _ccPosition = new double[128]; // the CC's last position 0..1 (-1: never received)
    private readonly bool[] _ccHigh = new bool[128];         // the CC's last value was >= 64
    private readonly Action<ControlSource> _onChanged;
    private readonly ManualResetEventSlim _learned = new(false, 0);
    private readonly Lock _learnGate = new();
    private MidiMap _map;
    private MidiTarget _learnTarget;
    private bool _learning;
    private int _learnedCc = -1;
    private int _dirty;
    private int _bankMsb;
    private int _bankLsb;
    private long _programChanges;
    private long _controlChanges;
    private long _ignored;
    private bool _disposed;

    /// <summary>The tuner the action <c>tuner</c> engages and leaves (set by the service), or null: the action then does
    /// nothing.</summary>
    public ITunerControl? Tuner { get; set; }

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="map">The mapping (configuration plus learned).</param>
    /// <param name="pedal">What MIDI changes.</param>
    /// <param name="navigator">The set list (Program Change).</param>
    /// <param name="jumpTakeover">True: a CC takes over on any movement; false: pickup.</param>
    /// <param name="monitor">Records every message for <c>midi monitor</c>, or null.</param>
    public MidiDispatcher(MidiMap map, IPedalControl pedal, IPresetNavigator navigator, bool jumpTakeover, MidiMonitor? monitor = null)
    {
        _map = map ?? throw new ArgumentNullException(nameof(map));
        _pedal = pedal ?? throw new ArgumentNullException(nameof(pedal));
        _navigator = navigator ?? throw new ArgumentNullException(nameof(navigator));
        _monitor = monitor;
        for (var i = 0; i < 128; i++)
        {
            _pickups[i] = new KnobPickup(jumpTakeover);
            _ccValue[i] = float.NaN;
            _ccPosition[i] = -1;
        }

        _onChanged = source =>
        {
            if (source != ControlSource.Midi)
            {
                Volatile.Write(ref _dirty, 1);
            }
        };
        pedal.Changed += _onChanged;
    }

    /// <summary>The mapping in use (swapped whole; any thread may read it).</summary>
    public MidiMap Map
    {
        get => Volatile.Read(ref _map);
        set => Volatile.Write(ref _map, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Program Changes acted on.</summary>
    public long ProgramChanges => Interlocked.Read(ref _programChanges);

    /// <summary>Control Changes acted on.</summary>
    public long ControlChanges => Interlocked.Read(ref _controlChanges);

    /// <summary>Messages ignored (other channel, unmapped CC, other kinds, a program with no preset).</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>True while a <see cref="Learn"/> call waits for a Control Change.</summary>
    public bool IsLearning => Volatile.Read(ref _learning);

    /// <summary>True while the CC waits for soft takeover.</summary>
    public bool Waiting(int cc) => _pickups[cc].Waiting;

    /// <summary>Handles one message (control thread). Returns true when it loaded a preset (the caller re-arms its
    /// knobs and blinks the LED as after a footswitch step), with the step in <paramref name="loaded"/>.</summary>
    public bool Handle(in MidiMessage message, long timestamp, out PresetStep loaded)
    {
        loaded = default;
        _monitor?.Add(message, timestamp);
        if (Interlocked.Exchange(ref _dirty, 0) != 0)
        {
            Rearm();
        }

        var map = Volatile.Read(ref _map);
        if (!map.Accepts(message.Channel))
        {
            Interlocked.Increment(ref _ignored);
            return false;
        }

        switch (message.Kind)
        {
            case MidiMessageKind.ProgramChange:
                return ProgramChange(message.Data1, out loaded);
            case MidiMessageKind.ControlChange:
                return ControlChange(map, message.Data1, message.Data2, out loaded);
            default:
                Interlocked.Increment(ref _ignored);
                return false;
        }
    }

    /// <summary>Maps the next Control Change (other than Bank Select) to <paramref name="target"/>: waits up to
    /// <paramref name="timeout"/> for it (any thread but the control thread). Returns the CC number, or -1 on timeout.
    /// The new map is in <see cref="Map"/> when it returns.</summary>
    public int Learn(MidiTarget target, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        lock (_learnGate)
        {
            _learned.Reset();
            _learnedCc = -1;
            _learnTarget = target;
            Volatile.Write(ref _learning, true);
        }

        try
        {
            _learned.Wait(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        lock (_learnGate)
        {
            Volatile.Write(ref _learning, false);
            return _learnedCc;
        }
    }

    private bool ProgramChange(int program, out PresetStep step)
    {
        var bank = _bankMsb * 128 + _bankLsb;
        if (!_navigator.TryFindProgram(bank, program, out step) && !_navigator.TryGoTo(bank * 128 + program + 1, out step))
        {
            Interlocked.Increment(ref _ignored);
            return false;
        }

        Interlocked.Increment(ref _programChanges);
        _pedal.LoadPreset(step.Name, step.Settings, ControlSource.Midi);
        Rearm();
        return true;
    }

    private bool ControlChange(MidiMap map, int cc, int value, out PresetStep loaded)
    {
        loaded = default;
        if (cc == 0)
        {
            _bankMsb = value;
            Interlocked.Increment(ref _controlChanges);
            return false;
        }

        if (cc == 32)
        {
            _bankLsb = value;
            Interlocked.Increment(ref _controlChanges);
            return false;
        }

        if (Volatile.Read(ref _learning))
        {
            lock (_learnGate)
            {
                if (_learning)
                {
                    _learning = false;
                    map = map.With(cc, _learnTarget); // learning is not steady state: one new map
                    Volatile.Write(ref _map, map);
                    _learnedCc = cc;
                    _ccValue[cc] = float.NaN;
                    _ccPosition[cc] = -1;
                    _learned.Set();
                }
            }
        }

        var target = map[cc];
        var high = value >= 64;
        var rising = high && !_ccHigh[cc];
        _ccHigh[cc] = high;
        switch (target.Kind)
        {
            case MidiTargetKind.None:
                Interlocked.Increment(ref _ignored);
                return false;
            case MidiTargetKind.Parameter:
                SetParameter(cc, target, value);
                break;
            case MidiTargetKind.Bypass:
            case MidiTargetKind.Engage:
                var bypassed = target.Kind == MidiTargetKind.Bypass ? high : !high;
                if (_pedal.Bypassed != bypassed)
                {
                    _pedal.SetBypass(bypassed, ControlSource.Midi);
                }

                break;
            case MidiTargetKind.BypassToggle:
                if (rising)
                {
                    _pedal.SetBypass(!_pedal.Bypassed, ControlSource.Midi);
                }

                break;
            case MidiTargetKind.Tuner:
                if (rising && Tuner is { } tuner)
                {
                    tuner.SetEngaged(!tuner.Engaged, ControlSource.Midi);
                }

                break;
            case MidiTargetKind.NextPreset:
            case MidiTargetKind.PreviousPreset:
                if (rising && (target.Kind == MidiTargetKind.NextPreset ? _navigator.TryStepNext(out loaded) : _navigator.TryStepPrevious(out loaded)))
                {
                    Interlocked.Increment(ref _controlChanges);
                    _pedal.LoadPreset(loaded.Name, loaded.Settings, ControlSource.Midi);
                    Rearm();
                    return true;
                }

                break;
        }

        Interlocked.Increment(ref _controlChanges);
        return false;
    }

    private void SetParameter(int cc, in MidiTarget target, int value)
    {
        var position = value / 127.0;
        var mapping = target.Mapping!;
        var pickup = _pickups[cc];
        if (_ccPosition[cc] < 0)
        {
            // The first value ever from this CC: it takes over once it reaches the current value, as a knob at start-up.
            pickup.Arm(mapping.ToPosition(_pedal.Settings[target.Parameter]), position);
        }

        _ccPosition[cc] = position;
        if (!pickup.Observe(position))
        {
            return;
        }

        var v = mapping.ToValue(position);
        if (v == _ccValue[cc])
        {
            return;
        }

        _ccValue[cc] = v;
        _pedal.SetParameter(target.Parameter, v, ControlSource.Midi);
    }

    /// <summary>Re-arms the takeover of every CC whose parameter moved away from the value it set.</summary>
    private void Rearm()
    {
        var map = Volatile.Read(ref _map);
        var settings = _pedal.Settings;
        for (var cc = 0; cc < 128; cc++)
        {
            var t = map[cc];
            if (t.Kind != MidiTargetKind.Parameter || _ccPosition[cc] < 0)
            {
                continue;
            }

            var v = settings[t.Parameter];
            if (v != _ccValue[cc])
            {
                _ccValue[cc] = v;
                _pickups[cc].Arm(t.Mapping!.ToPosition(v), _ccPosition[cc]);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pedal.Changed -= _onChanged;
        _learned.Dispose();
    }
}
