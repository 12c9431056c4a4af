using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Control;

/// <summary>The behaviour of a <see cref="ControlSurface"/> (usually from the configuration file).</summary>
public sealed record ControlSurfaceOptions
{
    /// <summary>The knobs.</summary>
    public IReadOnlyList<KnobBinding> Knobs { get; init; } = [];

    /// <summary>Knob scanning and filtering.</summary>
    public KnobFilterSettings Filter { get; init; } = new();

    /// <summary>True: a knob takes over on any movement after a preset load; false: pickup.</summary>
    public bool JumpTakeover { get; init; }

    /// <summary>Footswitch debounce window in ms.</summary>
    public double DebounceMs { get; init; } = 20;

    /// <summary>Footswitch hold time in ms.</summary>
    public double HoldMs { get; init; } = 600;

    /// <summary>What a tap does.</summary>
    public FootswitchAction Tap { get; init; } = FootswitchAction.Bypass;

    /// <summary>What a hold does.</summary>
    public FootswitchAction Hold { get; init; } = FootswitchAction.NextPreset;

    /// <summary>The options of a validated configuration.</summary>
    public static ControlSurfaceOptions FromConfig(PedalConfig config) => new()
    {
        Knobs = config.ResolvedKnobs,
        Filter = new KnobFilterSettings(
            config.KnobScan.IntervalMs, config.KnobScan.SmoothingMs, config.KnobScan.HysteresisLsb, config.KnobScan.EndZonePercent),
        JumpTakeover = config.JumpTakeover,
        DebounceMs = config.Footswitch.DebounceMs,
        HoldMs = config.Footswitch.HoldMs,
        Tap = PedalConfig.ParseAction(config.Footswitch.Tap),
        Hold = PedalConfig.ParseAction(config.Footswitch.Hold),
    };
}
