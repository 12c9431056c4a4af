namespace GruPedalPi.Firmware.Configuration;

/// <summary>The status LED (<c>"led"</c>).</summary>
public sealed class LedConfig
{
    /// <summary>BCM GPIO number, 0..27; null for a pedal without an LED.</summary>
    public int? Pin { get; set; } = 27;

    /// <summary>True when a high level lights it (GPIO, resistor, LED, ground); false for an LED to 3.3 V.</summary>
    public bool ActiveHigh { get; set; } = true;
}
