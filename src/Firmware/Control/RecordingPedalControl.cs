using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// An <see cref="IPedalControl"/> without audio, for the simulator and tests: it holds the settings, clamps
/// values to the preset range like the live service, raises <see cref="Changed"/>, counts the changes and
/// reports each to an <see cref="IControlEventSink"/>. Allocation-free (except <see cref="GetStatus"/>).
/// Thread-safe.
/// </summary>
public sealed class RecordingPedalControl : IPedalControl
{
    private readonly object _gate = new();
    private readonly IControlEventSink? _sink;
    private PedalSettings _settings;
    private bool _bypassed;
    private string? _preset;
    private long _parameterChanges;
    private long _bypassChanges;
    private long _presetLoads;

    /// <summary>Creates it at the given settings (default: <see cref="PedalSettings.Defaults"/>), engaged.</summary>
    public RecordingPedalControl(IControlEventSink? sink = null, PedalSettings? initial = null)
    {
        _sink = sink;
        _settings = initial ?? PedalSettings.Defaults;
    }

    /// <inheritdoc />
    public event Action<ControlSource>? Changed;

    /// <inheritdoc />
    public PedalSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    /// <inheritdoc />
    public bool Bypassed => Volatile.Read(ref _bypassed);

    /// <inheritdoc />
    public string? CurrentPreset => Volatile.Read(ref _preset);

    /// <summary>Calls to <see cref="SetParameter"/> so far.</summary>
    public long ParameterChanges => Interlocked.Read(ref _parameterChanges);

    /// <summary>Calls to <see cref="SetBypass"/> that changed the state.</summary>
    public long BypassChanges => Interlocked.Read(ref _bypassChanges);

    /// <summary>Calls to <see cref="LoadPreset"/>.</summary>
    public long PresetLoads => Interlocked.Read(ref _presetLoads);

    /// <summary>The source of the last change.</summary>
    public ControlSource LastSource { get; private set; }

    /// <inheritdoc />
    public void SetParameter(ParameterId id, float value, ControlSource source)
    {
        var info = Parameters.Get(id);
        var v = float.IsNaN(value) ? info.Default : Math.Clamp(value, info.PresetMin, info.PresetMax);
        lock (_gate)
        {
            _settings[id] = v;
        }

        Interlocked.Increment(ref _parameterChanges);
        LastSource = source;
        _sink?.OnParameter(id, v, source);
        Changed?.Invoke(source);
    }

    /// <inheritdoc />
    public void SetBypass(bool bypassed, ControlSource source)
    {
        if (Volatile.Read(ref _bypassed) == bypassed)
        {
            return;
        }

        Volatile.Write(ref _bypassed, bypassed);
        Interlocked.Increment(ref _bypassChanges);
        LastSource = source;
        _sink?.OnBypass(bypassed, source);
        Changed?.Invoke(source);
    }

    /// <inheritdoc />
    public void LoadPreset(string name, in PedalSettings settings, ControlSource source)
    {
        var copy = settings;
        var all = Parameters.All;
        for (var i = 0; i < all.Count; i++)
        {
            var p = all[i];
            copy[p.Id] = Math.Clamp(copy[p.Id], p.PresetMin, p.PresetMax);
        }

        lock (_gate)
        {
            _settings = copy;
        }

        Volatile.Write(ref _preset, name);
        Interlocked.Increment(ref _presetLoads);
        LastSource = source;
        _sink?.OnPreset(name, source);
        Changed?.Invoke(source);
    }

    /// <inheritdoc />
    public StatusSnapshot GetStatus(bool exactAllocations) => new()
    {
        State = AudioState.Simulated,
        Bypassed = Bypassed,
        Preset = CurrentPreset,
    };
}
