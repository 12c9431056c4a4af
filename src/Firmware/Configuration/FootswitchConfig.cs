namespace GruPedalPi.Firmware.Configuration;

/// <summary>The footswitch (<c>"footswitch"</c>): a momentary switch from a GPIO (internal pull-up) to ground.</summary>
public sealed class FootswitchConfig
{
    /// <summary>BCM GPIO number, 0..27; null for a pedal without a footswitch.</summary>
    public int? Pin { get; set; } = 17;

    /// <summary>Debounce window after each accepted edge, 5..100 ms (contact bursts up to this long are one edge).</summary>
    public double DebounceMs { get; set; } = 20;

    /// <summary>Time down that makes a hold, 200..5000 ms.</summary>
    public double HoldMs { get; set; } = 600;

    /// <summary>Action of a tap: <c>"bypass"</c>, <c>"next-preset"</c> or <c>"none"</c>.</summary>
    public string Tap { get; set; } = "bypass";

    /// <summary>Action of a hold: <c>"next-preset"</c>, <c>"bypass"</c> or <c>"none"</c>.</summary>
    public string Hold { get; set; } = "next-preset";
}
