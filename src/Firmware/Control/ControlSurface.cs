using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Midi;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Hardware.Adc;
using GruPedalPi.Hardware.Controls;
using GruPedalPi.Hardware.Gpio;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// The pedal's control loop: scans the knobs and the expression pedal, debounces the footswitches, acts on the MIDI
/// messages of its <see cref="MidiInbox"/>, drives the LED, and turns them into parameter, bypass and preset changes
/// on an <see cref="IPedalControl"/>.
/// <para>Threading: one control thread calls <see cref="Tick"/> (or <see cref="Run"/>, which ticks every scan
/// interval on real time and at once when a footswitch edge or a MIDI message arrives). GPIO callbacks only queue
/// stamped edges (lock-free) and MIDI inputs only queue messages, and both wake the loop. <see cref="SetFault"/>/<see cref="ClearFault"/> and socket changes
/// (<see cref="IPedalControl.Changed"/>) may come from any thread: they set flags read at the next tick.
/// The simulator and the tests call <see cref="Tick"/> on virtual time. Allocation-free in steady state.</para>
/// </summary>
public sealed class ControlSurface : IKnobPanel, IDisposable
{
    private readonly IKnobAdc? _adc;
    private readonly Switch[] _switches;
    private readonly LedOutput? _led;
    private readonly IPedalControl _pedal;
    private readonly IPresetNavigator _navigator;
    private readonly TimeProvider _time;
    private readonly IControlEventSink? _sink;
    private readonly ControlSurfaceOptions _options;
    private readonly int[] _channels;
    private readonly ParameterId[] _parameters;
    private readonly KnobMapping[] _mappings;
    private readonly KnobFilter[] _filters;
    private readonly KnobPickup[] _pickups;
    private readonly float[] _engineValues;
    private readonly double _scale;
    private readonly long _intervalUs;
    private readonly long _start;
    private readonly LedPattern _pattern = new();
    private readonly MidiDispatcher? _midi;
    private readonly int _expressionChannel = -1;
    private readonly KnobFilter? _expressionFilter;
    private ExpressionCalibration _calibration;
    private ExpressionMapping? _expression;
    private float _expressionValue = float.NaN;
    private long _expressionChanges;
    private readonly Action<ControlSource> _onChanged;
    private readonly ManualResetEventSlim _wake = new(false, 0);
    private long _nextScanUs;
    private int _externalChange;
    private string? _lastPreset;
    private string? _fault;
    private LedMode _ledMode = (LedMode)(-1);
    private long _scans;
    private long _knobChanges;
    private long _lastTickUs;
    private bool _disposed;

    /// <summary>Builds the surface and reads every knob once (the knobs start waiting for pickup against the
    /// pedal's current settings, so nothing jumps at start-up).</summary>
    /// <param name="options">Knobs, filter, footswitch gestures, MIDI mapping, expression pedal.</param>
    /// <param name="adc">The knobs' (and expression pedal's) converter, or null when there are none.</param>
    /// <param name="footswitches">The footswitch inputs, one per <see cref="ControlSurfaceOptions.Footswitches"/> entry (same order); empty for none.</param>
    /// <param name="led">The LED, or null.</param>
    /// <param name="pedal">What the controls change.</param>
    /// <param name="navigator">The set list the hold steps through.</param>
    /// <param name="time">The clock (the one that stamps the footswitch edges).</param>
    /// <param name="sink">Receives pickups and LED modes (the simulator's events), or null.</param>
    public ControlSurface(
        ControlSurfaceOptions options,
        IKnobAdc? adc,
        IReadOnlyList<FootswitchInput> footswitches,
        LedOutput? led,
        IPedalControl pedal,
        IPresetNavigator navigator,
        TimeProvider time,
        IControlEventSink? sink = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _pedal = pedal ?? throw new ArgumentNullException(nameof(pedal));
        _navigator = navigator ?? throw new ArgumentNullException(nameof(navigator));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentNullException.ThrowIfNull(footswitches);
        _adc = adc;
        _led = led;
        _sink = sink;

        var knobs = options.Knobs;
        if (knobs.Count > 0 && adc is null)
        {
            throw new ArgumentException("knobs need an ADC", nameof(adc));
        }

        var n = knobs.Count;
        _channels = new int[n];
        _parameters = new ParameterId[n];
        _mappings = new KnobMapping[n];
        _filters = new KnobFilter[n];
        _pickups = new KnobPickup[n];
        _engineValues = new float[n];
        _scale = adc is null ? 1 : KnobFilter.FullScale / adc.FullScale;
        _intervalUs = (long)Math.Round(options.Filter.ScanIntervalMs * 1000);
        _start = time.GetTimestamp();

        var settings = pedal.Settings;
        for (var k = 0; k < n; k++)
        {
            var b = knobs[k];
            if (b.Channel < 0 || b.Channel >= adc!.ChannelCount)
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"knob channel {b.Channel} is not on the {adc!.Name}");
            }

            _channels[k] = b.Channel;
            _parameters[k] = b.Parameter;
            _mappings[k] = b.Mapping;
            _filters[k] = new KnobFilter(options.Filter);
            _filters[k].Reset(adc.Read(b.Channel) * _scale);
            _pickups[k] = new KnobPickup(options.JumpTakeover);
            _engineValues[k] = settings[b.Parameter];
            _pickups[k].Arm(b.Mapping.ToPosition(_engineValues[k]), _filters[k].Position);
        }

        if (options.ExpressionChannel is { } ex)
        {
            if (adc is null || ex < 0 || ex >= adc.ChannelCount || Array.IndexOf(_channels, ex) >= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"expression channel {ex} is not a free channel of the {adc?.Name ?? "(no ADC)"}");
            }

            _expressionChannel = ex;
            _expressionFilter = new KnobFilter(options.Filter);
            _expressionFilter.Reset(adc.Read(ex) * _scale);
        }

        _calibration = options.Calibration.IsValid ? options.Calibration : ExpressionCalibration.Default;
        _expression = options.Expression;
        _nextScanUs = _intervalUs;
        _lastPreset = pedal.CurrentPreset;
        if (_lastPreset is not null && navigator.TryFind(_lastPreset, out var current) && current.Expression is { } pe)
        {
            _expression = pe;
        }

        if (footswitches.Count > options.Footswitches.Count)
        {
            throw new ArgumentException($"{footswitches.Count} footswitch inputs for {options.Footswitches.Count} footswitch bindings", nameof(footswitches));
        }

        _switches = new Switch[footswitches.Count];
        for (var i = 0; i < _switches.Length; i++)
        {
            _switches[i] = new Switch(this, footswitches[i], options.Footswitches[i]);
            footswitches[i].Wake = _wake.Set;
        }

        if (options.Midi is { } map)
        {
            Monitor = new MidiMonitor();
            Inbox = new MidiInbox { Wake = _wake.Set };
            _midi = new MidiDispatcher(map, pedal, navigator, options.JumpTakeover, Monitor);
        }

        _onChanged = OnPedalChanged;
        pedal.Changed += _onChanged;
        UpdateLed(0);
    }

    /// <summary>The scan interval (also the tick period of <see cref="Run"/>).</summary>
    public TimeSpan ScanInterval => TimeSpan.FromTicks(_intervalUs * 10);

    /// <summary>Number of knobs.</summary>
    public int KnobCount => _channels.Length;

    /// <summary>Knob scans done.</summary>
    public long Scans => Interlocked.Read(ref _scans);

    /// <summary>Parameter changes sent by the knobs.</summary>
    public long KnobChanges => Interlocked.Read(ref _knobChanges);

    /// <summary>The current fault, or null.</summary>
    public string? Fault => Volatile.Read(ref _fault);

    /// <summary>What the LED shows.</summary>
    public LedMode LedMode => _ledMode;

    /// <summary>True while the (first) footswitch is (debounced) down.</summary>
    public bool FootswitchPressed => _switches.Length > 0 && _switches[0].Logic.IsPressed;

    /// <summary>Number of footswitches.</summary>
    public int FootswitchCount => _switches.Length;

    /// <summary>True while footswitch <paramref name="index"/> is (debounced) down.</summary>
    public bool IsPressed(int index) => _switches[index].Logic.IsPressed;

    /// <summary>Where MIDI inputs queue their messages (null when MIDI is off).</summary>
    public MidiInbox? Inbox { get; }

    /// <summary>The recent MIDI messages (null when MIDI is off).</summary>
    public MidiMonitor? Monitor { get; }

    /// <summary>The MIDI dispatcher (its map, counters, learning), or null when MIDI is off.</summary>
    public MidiDispatcher? Midi => _midi;

    /// <summary>True when an expression pedal is configured.</summary>
    public bool HasExpression => _expressionFilter is not null;

    /// <summary>The expression pedal's filtered reading on the 0..1023 scale (NaN without a pedal): what
    /// <c>expression calibrate</c> records. Any thread (a torn read is at worst one scan old).</summary>
    public double ExpressionReading => _expressionFilter?.Position * KnobFilter.FullScale ?? double.NaN;

    /// <summary>What the expression pedal drives now (the preset's mapping or the default), or null.</summary>
    public ExpressionMapping? Expression => Volatile.Read(ref _expression);

    /// <summary>The expression pedal's calibration (any thread; applies from the next scan).</summary>
    public ExpressionCalibration Calibration
    {
        get => Volatile.Read(ref _calibration);
        set
        {
            if (value is null || !value.IsValid)
            {
                throw new ArgumentException("heel and toe readings 0..1023, at least 16 apart", nameof(value));
            }

            Volatile.Write(ref _calibration, value);
            _expressionValue = float.NaN;
        }
    }

    /// <summary>Parameter changes sent by the expression pedal.</summary>
    public long ExpressionChanges => Interlocked.Read(ref _expressionChanges);

    /// <summary>The knob's filtered position 0..1.</summary>
    public double KnobPosition(int knob) => _filters[knob].Position;

    /// <summary>True while the knob waits for pickup.</summary>
    public bool KnobWaiting(int knob) => _pickups[knob].Waiting;

    /// <summary>The tuner a footswitch action <c>tuner</c> engages and leaves (set by the service), or null: the action
    /// then does nothing.</summary>
    public ITunerControl? Tuner { get; set; }

    /// <summary>The parameter knob <paramref name="knob"/> turns.</summary>
    public ParameterId KnobParameter(int knob) => _parameters[knob];

    /// <summary>Marks a fault (e.g. no audio device): the LED blinks fast until <see cref="ClearFault"/>. Any thread.</summary>
    public void SetFault(string reason) => Volatile.Write(ref _fault, string.IsNullOrEmpty(reason) ? "fault" : reason);

    /// <summary>Clears the fault. Any thread.</summary>
    public void ClearFault() => Volatile.Write(ref _fault, null);

    /// <summary>Wakes <see cref="Run"/> early (any thread).</summary>
    public void Wake() => _wake.Set();

    /// <summary>One step of the loop at the clock's current time: applies changes made elsewhere, handles the
    /// footswitch edges and holds, scans the knobs when a scan is due, updates the LED. Control thread only.</summary>
    public void Tick()
    {
        var nowUs = ToMicroseconds(_time.GetTimestamp());
        _lastTickUs = nowUs;
        if (_midi is not null)
        {
            while (Inbox!.TryDequeue(out var message, out var stamp))
            {
                if (_midi.Handle(message, stamp, out var step))
                {
                    Loaded(step, nowUs);
                }
            }
        }

        if (Interlocked.Exchange(ref _externalChange, 0) != 0)
        {
            SyncExternal(nowUs);
        }

        foreach (var sw in _switches)
        {
            var edges = sw.Input.Edges;
            while (edges.TryDequeue(out var ts, out var high))
            {
                sw.Logic.OnEdge(ToMicroseconds(ts), !high);
            }

            sw.Logic.Update(nowUs);
        }

        if (_adc is not null && (_channels.Length > 0 || _expressionFilter is not null) && nowUs >= _nextScanUs)
        {
            ScanKnobs();
            _nextScanUs += _intervalUs;
            if (_nextScanUs <= nowUs)
            {
                _nextScanUs = nowUs + _intervalUs; // fell behind: skip, do not burst
            }
        }

        UpdateLed(nowUs);
    }

    /// <summary>Runs the loop on the calling thread (a dedicated control thread) on real time until cancelled:
    /// a tick every scan interval, and at once when a footswitch edge arrives. A device error sets the fault and
    /// the loop retries after 100 ms.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        var errorPause = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            _wake.Reset();
            try
            {
                Tick();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SetFault("controls: " + e.Message);
                _wake.Wait(errorPause);
                continue;
            }

            var nowUs = ToMicroseconds(_time.GetTimestamp());
            var waitUs = Math.Min(_nextScanUs - nowUs, _intervalUs);
            if (waitUs > 0)
            {
                _wake.Wait(TimeSpan.FromTicks(waitUs * 10));
            }
        }
    }

    /// <summary>Starts <see cref="Run"/> on a new background thread named "gru-control" (above-normal priority).</summary>
    public Thread StartThread(CancellationToken cancellationToken)
    {
        var thread = new Thread(() => Run(cancellationToken))
        {
            Name = "gru-control",
            IsBackground = true,
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return thread;
    }

    private long ToMicroseconds(long timestamp) => _time.GetElapsedTime(_start, timestamp).Ticks / 10;

    private void ScanKnobs()
    {
        Interlocked.Increment(ref _scans);
        if (_expressionFilter is not null)
        {
            ScanExpression();
        }

        for (var k = 0; k < _channels.Length; k++)
        {
            var filter = _filters[k];
            if (!filter.Update(_adc!.Read(_channels[k]) * _scale))
            {
                continue;
            }

            var position = filter.Position;
            var pickup = _pickups[k];
            var waiting = pickup.Waiting;
            if (!pickup.Observe(position))
            {
                continue;
            }

            if (waiting)
            {
                _sink?.OnPickup(_parameters[k]);
            }

            var value = _mappings[k].ToValue(position);
            if (value == _engineValues[k])
            {
                continue;
            }

            _engineValues[k] = value;
            Interlocked.Increment(ref _knobChanges);
            _pedal.SetParameter(_parameters[k], value, ControlSource.Knob);
        }
    }

    private void ScanExpression()
    {
        if (!_expressionFilter!.Update(_adc!.Read(_expressionChannel) * _scale))
        {
            return; // at rest: the filter's dead band holds it
        }

        if (Volatile.Read(ref _expression) is not { } mapping)
        {
            return;
        }

        var value = mapping.ToValue(Volatile.Read(ref _calibration).ToPosition(_expressionFilter.Position * KnobFilter.FullScale));
        if (value == _expressionValue)
        {
            return;
        }

        _expressionValue = value;
        Interlocked.Increment(ref _expressionChanges);
        _pedal.SetParameter(mapping.Parameter, value, ControlSource.Expression);
    }

    private void Loaded(in PresetStep step, long nowUs)
    {
        _lastPreset = step.Name;
        ArmChangedKnobs();
        Volatile.Write(ref _expression, step.Expression ?? _options.Expression);
        _expressionValue = float.NaN;
        if (step.Position > 0)
        {
            _pattern.StartBlink(step.Position, nowUs);
        }
    }

    private void OnPedalChanged(ControlSource source)
    {
        if (source is ControlSource.Knob or ControlSource.Footswitch)
        {
            return; // our own
        }

        Volatile.Write(ref _externalChange, 1);
        _wake.Set();
    }

    private void SyncExternal(long nowUs)
    {
        ArmChangedKnobs();
        var preset = _pedal.CurrentPreset;
        if (!string.Equals(preset, _lastPreset, StringComparison.Ordinal))
        {
            _lastPreset = preset;
            if (preset is not null && _navigator.TryFind(preset, out var step))
            {
                Volatile.Write(ref _expression, step.Expression ?? _options.Expression);
                _expressionValue = float.NaN;
                if (step.Position > 0)
                {
                    _pattern.StartBlink(step.Position, nowUs);
                }
            }
        }
    }

    private void ArmChangedKnobs()
    {
        var settings = _pedal.Settings;
        for (var k = 0; k < _channels.Length; k++)
        {
            var v = settings[_parameters[k]];
            if (v != _engineValues[k])
            {
                _engineValues[k] = v;
                _pickups[k].Arm(_mappings[k].ToPosition(v), _filters[k].Position);
            }
        }
    }

    private void Act(in FootswitchGesture gesture, long nowUs)
    {
        PresetStep step;
        switch (gesture.Action)
        {
            case FootswitchAction.Bypass:
                _pedal.SetBypass(!_pedal.Bypassed, ControlSource.Footswitch);
                return;
            case FootswitchAction.Tuner when Tuner is { } tuner:
                tuner.SetEngaged(!tuner.Engaged, ControlSource.Footswitch);
                return;
            case FootswitchAction.NextPreset when _navigator.TryStepNext(out step):
            case FootswitchAction.PreviousPreset when _navigator.TryStepPrevious(out step):
            case FootswitchAction.Preset when _navigator.TryFind(gesture.Preset!, out step):
            case FootswitchAction.SetList when _navigator.TryGoTo(gesture.Position, out step):
                _pedal.LoadPreset(step.Name, step.Settings, ControlSource.Footswitch);
                Loaded(step, nowUs);
                return;
        }
    }

    /// <summary>One footswitch: its input, debouncer and gestures. With the tap on the press and a hold action, a bypass
    /// tap is undone when the press becomes a hold (the old behaviour); with the tap on the release, a hold never passes
    /// through the tap's state.</summary>
    private sealed class Switch : IFootswitchHandler
    {
        private readonly ControlSurface _surface;
        private readonly FootswitchBinding _binding;
        private bool _bypassBeforePress;
        private bool _tapDone;

        public Switch(ControlSurface surface, FootswitchInput input, FootswitchBinding binding)
        {
            _surface = surface;
            _binding = binding;
            Input = input;
            Logic = new FootswitchLogic(binding.DebounceMs, binding.HoldMs, this, input.ReadPressed());
        }

        public FootswitchInput Input { get; }

        public FootswitchLogic Logic { get; }

        public void OnPress(long timeUs)
        {
            _bypassBeforePress = _surface._pedal.Bypassed;
            _tapDone = false;
            if (_binding.TapOnPress && _binding.Tap.Action != FootswitchAction.None)
            {
                // On the press: timing matters on stage.
                _surface.Act(_binding.Tap, Math.Max(timeUs, _surface._lastTickUs));
                _tapDone = true;
            }
        }

        public void OnHold(long timeUs)
        {
            if (_binding.Hold.Action == FootswitchAction.None)
            {
                return;
            }

            var pedal = _surface._pedal;
            if (_tapDone && _binding.Tap.Action == FootswitchAction.Bypass)
            {
                pedal.SetBypass(_bypassBeforePress, ControlSource.Footswitch); // a tap on the press, undone by the hold
            }

            if (_binding.Hold.Action == FootswitchAction.Bypass)
            {
                pedal.SetBypass(!_bypassBeforePress, ControlSource.Footswitch);
            }
            else
            {
                _surface.Act(_binding.Hold, Math.Max(timeUs, _surface._lastTickUs));
            }
        }

        public void OnRelease(long timeUs, bool wasHold)
        {
            if (wasHold || _tapDone)
            {
                return;
            }

            _surface.Act(_binding.Tap, Math.Max(timeUs, _surface._lastTickUs));
        }
    }

    private void UpdateLed(long nowUs)
    {
        _pattern.Engaged = !_pedal.Bypassed;
        _pattern.Fault = Volatile.Read(ref _fault) is not null;
        var lit = _pattern.Evaluate(nowUs, out var mode);
        _led?.Set(lit);
        if (mode != _ledMode)
        {
            _ledMode = mode;
            _sink?.OnLed(mode);
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
        foreach (var sw in _switches)
        {
            sw.Input.Wake = null;
        }

        if (Inbox is not null)
        {
            Inbox.Wake = null;
        }

        _midi?.Dispose();
        _wake.Dispose();
    }
}
