namespace GruPedalPi.Firmware.Configuration;

/// <summary>The expression pedal (<c>"expression"</c>): a TRS pedal on a free ADC channel (tip the wiper, ring the
/// reference voltage, sleeve ground) and what it drives when the preset names nothing.</summary>
public sealed class ExpressionConfig
{
    /// <summary>ADC channel (not a knob's), or null for no pedal.</summary>
    public int? Channel { get; set; }

    /// <summary>Default parameter (canonical or friendly name); null: the pedal does nothing unless the preset maps it.</summary>
    public string? Parameter { get; set; }

    /// <summary>Default value at the heel, within the parameter's preset range; null: the parameter's knob minimum.</summary>
    public float? Heel { get; set; }

    /// <summary>Default value at the toe, within the parameter's preset range; null: the parameter's knob maximum.</summary>
    public float? Toe { get; set; }
}
