using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Midi;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Control;

/// <summary>The behaviour of a <see cref="ControlSurface"/> (usually from the configuration file).</summary>
public sealed record ControlSurfaceOptions
{
    /// <summary>The knobs.</summary>
    public IReadOnlyList<KnobBinding> Knobs { get; init; } = [];

    /// <summary>Knob scanning and filtering (also the expression pedal's).</summary>
    public KnobFilterSettings Filter { get; init; } = new();

    /// <summary>True: a knob (or CC) takes over on any movement after a preset load; false: pickup.</summary>
    public bool JumpTakeover { get; init; }

    /// <summary>The footswitches, in the order of the <c>FootswitchInput</c>s given to the surface (same pins).</summary>
    public IReadOnlyList<FootswitchBinding> Footswitches { get; init; } =
        [new FootswitchBinding(17, 20, 600, new(FootswitchAction.Bypass), new(FootswitchAction.NextPreset), false)];

    /// <summary>The MIDI mapping, or null for no MIDI.</summary>
    public MidiMap? Midi { get; init; }

    /// <summary>The expression pedal's ADC channel, or null for none.</summary>
    public int? ExpressionChannel { get; init; }

    /// <summary>What the expression pedal drives when the preset names nothing, or null.</summary>
    public ExpressionMapping? Expression { get; init; }

    /// <summary>The expression pedal's calibration: the filtered reading (0..1023 scale) at the heel and the toe.</summary>
    public ExpressionCalibration Calibration { get; init; } = ExpressionCalibration.Default;

    /// <summary>The options of a validated configuration.</summary>
    public static ControlSurfaceOptions FromConfig(PedalConfig config) => new()
    {
        Knobs = config.ResolvedKnobs,
        Filter = new KnobFilterSettings(
            config.KnobScan.IntervalMs, config.KnobScan.SmoothingMs, config.KnobScan.HysteresisLsb, config.KnobScan.EndZonePercent),
        JumpTakeover = config.JumpTakeover,
        Footswitches = config.ResolvedFootswitches,
        Midi = config.ResolvedMidi,
        ExpressionChannel = config.Expression.Channel,
        Expression = config.ResolvedExpression,
    };
}
