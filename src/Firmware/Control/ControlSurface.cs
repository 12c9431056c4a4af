using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Adc;
using GruPedalPi.Hardware.Controls;
using GruPedalPi.Hardware.Gpio;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// The pedal's control loop: scans the knobs, debounces the footswitch, drives the LED, and turns them into
/// parameter, bypass and preset changes on an <see cref="IPedalControl"/>.
/// <para>Threading: one control thread calls <see cref="Tick"/> (or <see cref="Run"/>, which ticks every scan
/// interval on real time and at once when a footswitch edge arrives). GPIO callbacks only queue stamped edges
/// (lock-free) and wake the loop. <see cref="SetFault"/>/<see cref="ClearFault"/> and socket changes
/// (<see cref="IPedalControl.Changed"/>) may come from any thread: they set flags read at the next tick.
/// The simulator and the tests call <see cref="Tick"/> on virtual time. Allocation-free in steady state.</para>
/// </summary>
public sealed class ControlSurface : IFootswitchHandler, IDisposable
{
    private readonly IKnobAdc? _adc;
    private readonly FootswitchInput? _footswitch;
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
    private readonly FootswitchLogic? _logic;
    private readonly LedPattern _pattern = new();
    private readonly Action<ControlSource> _onChanged;
    private readonly ManualResetEventSlim _wake = new(false, 0);
    private long _nextScanUs;
    private int _externalChange;
    private string? _lastPreset;
    private string? _fault;
    private LedMode _ledMode = (LedMode)(-1);
    private bool _bypassBeforePress;
    private bool _tapDoneOnPress;
    private long _scans;
    private long _knobChanges;
    private long _lastTickUs;
    private bool _disposed;

    /// <summary>Builds the surface and reads every knob once (the knobs start waiting for pickup against the
    /// pedal's current settings, so nothing jumps at start-up).</summary>
    /// <param name="options">Knobs, filter, footswitch gestures.</param>
    /// <param name="adc">The knobs' converter, or null when there are no knobs.</param>
    /// <param name="footswitch">The footswitch input, or null.</param>
    /// <param name="led">The LED, or null.</param>
    /// <param name="pedal">What the controls change.</param>
    /// <param name="navigator">The set list the hold steps through.</param>
    /// <param name="time">The clock (the one that stamps the footswitch edges).</param>
    /// <param name="sink">Receives pickups and LED modes (the simulator's events), or null.</param>
    public ControlSurface(
        ControlSurfaceOptions options,
        IKnobAdc? adc,
        FootswitchInput? footswitch,
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
        _adc = adc;
        _footswitch = footswitch;
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

        _nextScanUs = _intervalUs;
        _lastPreset = pedal.CurrentPreset;
        if (footswitch is not null)
        {
            _logic = new FootswitchLogic(options.DebounceMs, options.HoldMs, this, footswitch.ReadPressed());
            footswitch.Wake = _wake.Set;
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

    /// <summary>True while the footswitch is (debounced) down.</summary>
    public bool FootswitchPressed => _logic?.IsPressed ?? false;

    /// <summary>The knob's filtered position 0..1.</summary>
    public double KnobPosition(int knob) => _filters[knob].Position;

    /// <summary>True while the knob waits for pickup.</summary>
    public bool KnobWaiting(int knob) => _pickups[knob].Waiting;

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
        if (Interlocked.Exchange(ref _externalChange, 0) != 0)
        {
            SyncExternal(nowUs);
        }

        if (_logic is not null)
        {
            var edges = _footswitch!.Edges;
            while (edges.TryDequeue(out var ts, out var high))
            {
                _logic.OnEdge(ToMicroseconds(ts), !high);
            }

            _logic.Update(nowUs);
        }

        if (_adc is not null && _channels.Length > 0 && nowUs >= _nextScanUs)
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
            if (preset is not null && _navigator.TryFind(preset, out var step) && step.Position > 0)
            {
                _pattern.StartBlink(step.Position, nowUs);
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

    private void StepPreset(long nowUs)
    {
        if (!_navigator.TryStepNext(out var step))
        {
            return;
        }

        _pedal.LoadPreset(step.Name, step.Settings, ControlSource.Footswitch);
        _lastPreset = step.Name;
        ArmChangedKnobs();
        if (step.Position > 0)
        {
            _pattern.StartBlink(step.Position, nowUs);
        }
    }

    /// <inheritdoc />
    void IFootswitchHandler.OnPress(long timeUs)
    {
        _bypassBeforePress = _pedal.Bypassed;
        _tapDoneOnPress = false;
        if (_options.Tap == FootswitchAction.Bypass)
        {
            // On the press: timing matters on stage. Undone if this becomes a hold.
            _pedal.SetBypass(!_bypassBeforePress, ControlSource.Footswitch);
            _tapDoneOnPress = true;
        }
        else if (_options.Tap == FootswitchAction.NextPreset && _options.Hold == FootswitchAction.None)
        {
            StepPreset(Math.Max(timeUs, _lastTickUs));
            _tapDoneOnPress = true;
        }
    }

    /// <inheritdoc />
    void IFootswitchHandler.OnHold(long timeUs)
    {
        if (_options.Hold == FootswitchAction.None)
        {
            return;
        }

        if (_tapDoneOnPress && _options.Tap == FootswitchAction.Bypass)
        {
            _pedal.SetBypass(_bypassBeforePress, ControlSource.Footswitch);
        }

        if (_options.Hold == FootswitchAction.NextPreset)
        {
            StepPreset(Math.Max(timeUs, _lastTickUs));
        }
        else if (_options.Hold == FootswitchAction.Bypass)
        {
            _pedal.SetBypass(!_bypassBeforePress, ControlSource.Footswitch);
        }
    }

    /// <inheritdoc />
    void IFootswitchHandler.OnRelease(long timeUs, bool wasHold)
    {
        if (wasHold || _tapDoneOnPress)
        {
            return;
        }

        if (_options.Tap == FootswitchAction.NextPreset)
        {
            StepPreset(Math.Max(timeUs, _lastTickUs));
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
        if (_footswitch is not null)
        {
            _footswitch.Wake = null;
        }

        _wake.Dispose();
    }
}
