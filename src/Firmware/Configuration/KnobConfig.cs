namespace GruPedalPi.Firmware.Configuration;

/// <summary>One knob: an ADC channel mapped to one parameter (an entry of <c>"knobs"</c>).</summary>
public sealed class KnobConfig
{
    /// <summary>ADC channel, 0..7 (MCP3008) or 0..3 (ADS1115); one knob per channel.</summary>
    public int Channel { get; set; }

    /// <summary>The parameter: canonical (<c>wh</c>, <c>output_gain_db</c>) or friendly (<c>drive</c>, <c>level</c>) name.</summary>
    public string Parameter { get; set; } = "";

    /// <summary>Value at fully counter-clockwise, within the parameter's preset range; null: the knob range's minimum.</summary>
    public float? Min { get; set; }

    /// <summary>Value at fully clockwise, within the parameter's preset range; null: the knob range's maximum.</summary>
    public float? Max { get; set; }

    /// <summary><c>"linear"</c>, <c>"log"</c> (audio taper, 15 % at noon) or <c>"antilog"</c> (85 % at noon).</summary>
    public string Taper { get; set; } = "linear";
}
