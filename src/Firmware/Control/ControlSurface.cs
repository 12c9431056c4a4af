using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Midi;
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
    private readonly FootswitchActions _footswitches;
    private readonly LedOutput? _led;
    private readonly IPedalControl _pedal;
    private readonly IPresetNavigator _navigator;
    private readonly TimeProvider _time;
    private readonly IControlEventSink? _sink;
    private readonly ControlSurfaceOptions _options;
    private readonly KnobBank _knobs;
    private readonly ExpressionInput _expression;
    private readonly long _intervalUs;
    private readonly long _start;
    private readonly LedPattern _pattern = new();
    private readonly MidiDispatcher? _midi;
    private readonly Action<ControlSource> _onChanged;
    private readonly ManualResetEventSlim _wake = new(false, 0);
    private long _nextScanUs;
    private int _externalChange;
    private string? _lastPreset;
    private string? _fault;
    private LedMode _ledMode = (LedMode)(-1);
    private long _scans;
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

        var scale = adc is null ? 1 : KnobFilter.FullScale / adc.FullScale;
        _intervalUs = (long)Math.Round(options.Filter.ScanIntervalMs * 1000);
        _start = time.GetTimestamp();
        _knobs = new KnobBank(options, adc, scale, pedal, sink);
        _expression = new ExpressionInput(options, adc, scale, _knobs, pedal);
        _nextScanUs = _intervalUs;
        _lastPreset = pedal.CurrentPreset;
        if (_lastPreset is not null && navigator.TryFind(_lastPreset, out var current) && current.Expression is { } pe)
        {
            _expression.Drive(pe);
        }

        if (footswitches.Count > options.Footswitches.Count)
        {
            throw new ArgumentException($"{footswitches.Count} footswitch inputs for {options.Footswitches.Count} footswitch bindings", nameof(footswitches));
        }

        _footswitches = new FootswitchActions(this, footswitches, options.Footswitches, pedal, navigator, _wake.Set);

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
    public int KnobCount => _knobs.Count;

    /// <summary>Knob scans done.</summary>
    public long Scans => Interlocked.Read(ref _scans);

    /// <summary>Parameter changes sent by the knobs.</summary>
    public long KnobChanges => _knobs.Changes;

    /// <summary>The current fault, or null.</summary>
    public string? Fault => Volatile.Read(ref _fault);

    /// <summary>What the LED shows.</summary>
    public LedMode LedMode => _ledMode;

    /// <summary>True while the (first) footswitch is (debounced) down.</summary>
    public bool FootswitchPressed => _footswitches.Count > 0 && _footswitches.IsPressed(0);

    /// <summary>Number of footswitches.</summary>
    public int FootswitchCount => _footswitches.Count;

    /// <summary>True while footswitch <paramref name="index"/> is (debounced) down.</summary>
    public bool IsPressed(int index) => _footswitches.IsPressed(index);

    /// <summary>Where MIDI inputs queue their messages (null when MIDI is off).</summary>
    public MidiInbox? Inbox { get; }

    /// <summary>The recent MIDI messages (null when MIDI is off).</summary>
    public MidiMonitor? Monitor { get; }

    /// <summary>The MIDI dispatcher (its map, counters, learning), or null when MIDI is off.</summary>
    public MidiDispatcher? Midi => _midi;

    /// <summary>True when an expression pedal is configured.</summary>
    public bool HasExpression => _expression.IsConnected;

    /// <summary>The expression pedal's filtered reading on the 0..1023 scale (NaN without a pedal): what
    /// <c>expression calibrate</c> records. Any thread (a torn read is at worst one scan old).</summary>
    public double ExpressionReading => _expression.Reading;

    /// <summary>What the expression pedal drives now (the preset's mapping or the default), or null.</summary>
    public ExpressionMapping? Expression => _expression.Mapping;

    /// <summary>The expression pedal's calibration (any thread; applies from the next scan).</summary>
    public ExpressionCalibration Calibration
    {
        get => _expression.Calibration;
        set => _expression.Calibration = value;
    }

    /// <summary>Parameter changes sent by the expression pedal.</summary>
    public long ExpressionChanges => _expression.Changes;

    /// <summary>The knob's filtered position 0..1.</summary>
    public double KnobPosition(int knob) => _knobs.Position(knob);

    /// <summary>True while the knob waits for pickup.</summary>
    public bool KnobWaiting(int knob) => _knobs.Waiting(knob);

    /// <summary>The tuner a footswitch action <c>tuner</c> engages and leaves (set by the service), or null: the action
    /// then does nothing.</summary>
    public ITunerControl? Tuner
    {
        get => _footswitches.Tuner;
        set => _footswitches.Tuner = value;
    }

    /// <summary>The parameter knob <paramref name="knob"/> turns.</summary>
    public ParameterId KnobParameter(int knob) => _knobs.Parameter(knob);

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

        _footswitches.Update(nowUs);
        if (_adc is not null && (_knobs.Count > 0 || _expression.IsConnected) && nowUs >= _nextScanUs)
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

    /// <summary>A timestamp of the surface's clock as microseconds since the surface was built.</summary>
    internal long ToMicroseconds(long timestamp) => _time.GetElapsedTime(_start, timestamp).Ticks / 10;

    private void ScanKnobs()
    {
        Interlocked.Increment(ref _scans);
        if (_expression.IsConnected)
        {
            _expression.Scan();
        }

        _knobs.Scan();
    }

    /// <summary>A preset was loaded from here (a footswitch or MIDI): the knobs it moved wait for pickup, the
    /// expression pedal drives its mapping, and the LED blinks its set-list position. Control thread only.</summary>
    internal void Loaded(in PresetStep step, long nowUs)
    {
        _lastPreset = step.Name;
        _knobs.ArmChangedKnobs();
        _expression.Drive(step.Expression ?? _options.Expression);
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
        _knobs.ArmChangedKnobs();
        var preset = _pedal.CurrentPreset;
        if (!string.Equals(preset, _lastPreset, StringComparison.Ordinal))
        {
            _lastPreset = preset;
            if (preset is not null && _navigator.TryFind(preset, out var step))
            {
                _expression.Drive(step.Expression ?? _options.Expression);
                if (step.Position > 0)
                {
                    _pattern.StartBlink(step.Position, nowUs);
                }
            }
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
        _footswitches.Detach();

        if (Inbox is not null)
        {
            Inbox.Wake = null;
        }

        _midi?.Dispose();
        _wake.Dispose();
    }
}
