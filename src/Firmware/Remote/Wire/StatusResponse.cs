using System.Text.Json.Serialization;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>status</c>: the audio statistics and the pedal's state.</summary>
public sealed record StatusResponse : ControlResponse
{
    /// <summary>The audio stream and its statistics: the same type, and the same fields, as <c>run --json</c> prints
    /// (there in camelCase).</summary>
    public StatusSnapshot Status { get; init; }

    /// <summary>The current preset, or null.</summary>
    public string? Preset { get; init; }

    /// <summary>Whether the effect is bypassed.</summary>
    public bool Bypassed { get; init; }

    /// <summary>Whether the sound differs from the preset.</summary>
    public bool Modified { get; init; }

    /// <summary>Where the last change came from: knob, footswitch, socket, midi, expression, startup or none.</summary>
    public string LastChange { get; init; } = "";

    /// <summary>Where the sound is in the set list.</summary>
    public SetListPlace Setlist { get; init; } = new();

    /// <summary>The MIDI input, when the service has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MidiStatus? Midi { get; init; }

    /// <summary>The machine, when the service reads it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HealthStatus? Health { get; init; }

    /// <summary>The socket's counters.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ControlCounters? Control { get; init; }
}
