using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>A test double of the running pedal: records every change with its source (no audio).</summary>
internal sealed class FakePedal : IPedalControl
{
    private readonly object _gate = new();
    private PedalSettings _settings = PedalSettings.Defaults;
    private bool _bypassed;
    private string? _preset;

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

    public bool Bypassed => Volatile.Read(ref _bypassed);

    public string? CurrentPreset => Volatile.Read(ref _preset);

    public int Loads;

    public ControlSource? LastSource;

    /// <summary>When set, the audio stream is in fault with this text (for the status fields a fault adds).</summary>
    public string? Fault;

    public event Action<ControlSource>? Changed;

    public void SetParameter(ParameterId id, float value, ControlSource source)
    {
        var info = Parameters.Get(id);
        lock (_gate)
        {
            _settings[id] = Math.Clamp(value, info.PresetMin, info.PresetMax);
        }

        Raise(source);
    }

    public void SetBypass(bool bypassed, ControlSource source)
    {
        Volatile.Write(ref _bypassed, bypassed);
        Raise(source);
    }

    public void LoadPreset(string name, in PedalSettings settings, ControlSource source)
    {
        lock (_gate)
        {
            _settings = settings;
        }

        Volatile.Write(ref _preset, name);
        Interlocked.Increment(ref Loads);
        Raise(source);
    }

    public StatusSnapshot GetStatus(bool exactAllocations) => new()
    {
        State = Fault is null ? AudioState.Playing : AudioState.Fault,
        Fault = Fault,
        Device = "fake",
        SampleRateHz = 48000,
        FramesPerBuffer = 64,
        PeriodUs = 1333.3,
        Callbacks = 42,
        Bypassed = Bypassed,
        Preset = CurrentPreset,
    };

    private void Raise(ControlSource source)
    {
        LastSource = source;
        Changed?.Invoke(source);
    }
}
