using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// The running pedal's <see cref="IPedalControl"/>: keeps the authoritative settings (what the chain plays or ramps
/// to) and hands every change to the audio thread through the lock-free <see cref="ParameterQueue"/>. Producers
/// (control thread, socket threads) serialise on a small allocation-free lock of their own (<see cref="SpinGate"/>); the audio thread never sees it. When the
/// queue is full (no stream is running) the change is kept here and the engine picks the whole state up when it
/// starts (<see cref="AudioEngine.Arm"/>). Allocation-free for parameter and bypass changes.
/// </summary>
public sealed class PedalControl : IPedalControl
{
    private readonly ParameterQueue _queue;
    private readonly SpinGate _gate = new(); // never allocates, even when two writers meet
    private PedalSettings _settings;
    // The settings as readers see them, without the lock: the live view reads them 20 times a second, and a reader
    // that met a writer on the lock could make the lock allocate its wait state (a 60 s monitor run once counted 64
    // bytes before this; none since).
    private readonly SeqLockValue<PedalSettings> _published = new();
    private volatile bool _bypassed;
    private volatile string? _preset;
    private bool _resync;

    /// <summary>Creates the control with the start-up settings.</summary>
    public PedalControl(ParameterQueue queue, in PedalSettings initial, bool bypassed = false, string? preset = null)
    {
        _queue = queue;
        _settings = initial;
        _published.Publish(initial);
        _bypassed = bypassed;
        _preset = preset;
    }

    /// <inheritdoc />
    public event Action<ControlSource>? Changed;

    /// <summary>Builds the status (set by the service; null: a snapshot of the settings only).</summary>
    public Func<bool, StatusSnapshot>? StatusSource { get; set; }

    /// <inheritdoc />
    public PedalSettings Settings
    {
        get
        {
            return _published.Read(); // published by the writers, who hold the lock: one writer at a time
        }
    }

    /// <inheritdoc />
    public bool Bypassed => _bypassed;

    /// <inheritdoc />
    public string? CurrentPreset => _preset;

    /// <summary>Changes that could not be queued at once (the queue was full) and went over as a whole-state resync.</summary>
    public long Resyncs { get; private set; }

    /// <inheritdoc />
    public void SetParameter(ParameterId id, float value, ControlSource source)
    {
        var info = Parameters.Get(id);
        if (float.IsNaN(value))
        {
            return;
        }

        value = Math.Clamp(value, info.PresetMin, info.PresetMax);
        using (_gate.Enter())
        {
            _settings[id] = value;
            _published.Publish(_settings);
            Post(ParameterCommand.Parameter(id, value));
        }

        Changed?.Invoke(source);
    }

    /// <inheritdoc />
    public void SetBypass(bool bypassed, ControlSource source)
    {
        using (_gate.Enter())
        {
            _bypassed = bypassed;
            Post(ParameterCommand.Bypass(bypassed));
        }

        Changed?.Invoke(source);
    }

    /// <inheritdoc />
    public void LoadPreset(string name, in PedalSettings settings, ControlSource source)
    {
        using (_gate.Enter())
        {
            var clamped = settings;
            for (var i = 0; i < Parameters.Count; i++)
            {
                var p = Parameters.Get((ParameterId)i); // no enumerator: a load allocates nothing
                float v = clamped[p.Id];
                clamped[p.Id] = float.IsNaN(v) ? p.Default : Math.Clamp(v, p.PresetMin, p.PresetMax);
            }

            _settings = clamped;
            _published.Publish(_settings);
            _preset = name;
            Post(ParameterCommand.All(clamped));
        }

        Changed?.Invoke(source);
    }

    /// <inheritdoc />
    public StatusSnapshot GetStatus(bool exactAllocations) =>
        StatusSource?.Invoke(exactAllocations) ?? new StatusSnapshot { Bypassed = Bypassed, Preset = CurrentPreset };

    /// <summary>Retries a pending whole-state resync (the supervisor calls this periodically). Allocation-free.</summary>
    public void Flush()
    {
        using (_gate.Enter())
        {
            TryResync();
        }
    }

    /// <summary>Forgets a pending resync: the engine was just armed with the whole state.</summary>
    public void MarkSynchronised()
    {
        using (_gate.Enter())
        {
            _resync = false;
        }
    }

    private void Post(in ParameterCommand command)
    {
        if (!TryResync() || !_queue.TryEnqueue(command))
        {
            _resync = true;
        }
    }

    private bool TryResync()
    {
        if (!_resync)
        {
            return true;
        }

        // A change was dropped: send the whole state (settings and bypass) before anything newer.
        if (!_queue.TryEnqueue(ParameterCommand.All(_settings)) || !_queue.TryEnqueue(ParameterCommand.Bypass(_bypassed)))
        {
            return false;
        }

        _resync = false;
        Resyncs++;
        return true;
    }
}
