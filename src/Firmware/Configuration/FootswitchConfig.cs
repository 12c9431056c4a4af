namespace GruPedalPi.Firmware.Configuration;

/// <summary>A footswitch (<c>"footswitch"</c>, or an entry of <c>"footswitches"</c>): a momentary switch from a GPIO
/// (internal pull-up) to ground.</summary>
public sealed class FootswitchConfig
{
    /// <summary>BCM GPIO number, 0..27; null for a pedal without a footswitch.</summary>
    public int? Pin { get; set; } = 17;

    /// <summary>Debounce window after each accepted edge, 5..100 ms (contact bursts up to this long are one edge).</summary>
    public double DebounceMs { get; set; } = 20;

    /// <summary>Time down that makes a hold, 200..5000 ms.</summary>
    public double HoldMs { get; set; } = 600;

    /// <summary>Action of a tap: <c>"bypass"</c>, <c>"next-preset"</c>, <c>"previous-preset"</c>, <c>"preset:NAME"</c>,
    /// <c>"setlist:N"</c> (1-based position) or <c>"none"</c>.</summary>
    public string Tap { get; set; } = "bypass";

    /// <summary>Action of a hold (same choices as <see cref="Tap"/>).</summary>
    public string Hold { get; set; } = "next-preset";

    /// <summary>When a tap acts: <c>"press"</c> (at once) or <c>"release"</c> (when the switch comes up before the hold
    /// time, so a hold never passes through the tap's state; the tap then acts as late as the foot is down). Null: release
    /// on a switch with a hold action, press on one without.</summary>
    public string? TapOn { get; set; }
}
