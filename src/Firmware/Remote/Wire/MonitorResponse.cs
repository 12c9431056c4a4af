using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>monitor</c>: one frame of the live view (docs/monitor.md).</summary>
public sealed record MonitorResponse : ControlResponse
{
    /// <summary>playing, starting, fault, stopped or simulated.</summary>
    public string State { get; init; } = "";

    /// <summary>Why the pedal does not play, or null.</summary>
    public string? Fault { get; init; }

    /// <summary>The current preset, or null.</summary>
    public string? Preset { get; init; }

    /// <summary>Whether the effect is bypassed.</summary>
    public bool Bypassed { get; init; }

    /// <summary>Where the sound is in the set list.</summary>
    public SetListPlace Setlist { get; init; } = new();

    /// <summary>The input meter, when the engine runs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MeterStatus? Input { get; init; }

    /// <summary>The output meter, when the engine runs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MeterStatus? Output { get; init; }

    /// <summary>The gate, when the engine runs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GateStatus? Gate { get; init; }

    /// <summary>Every parameter, in order.</summary>
    public IReadOnlyList<MonitorParameter> Parameters { get; init; } = [];

    /// <summary>The audio stream.</summary>
    public MonitorAudio Audio { get; init; } = new();

    /// <summary>The tuner, when the service has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TunerStatus? Tuner { get; init; }

    /// <summary>The MIDI input, when the service has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MidiStatus? Midi { get; init; }

    /// <summary>The machine, when the service reads it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HealthStatus? Health { get; init; }

    /// <summary>Seconds since the service started.</summary>
    public double UptimeSeconds { get; init; }
}
