namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>One parameter of <c>monitor</c>.</summary>
public sealed record MonitorParameter
{
    /// <summary>The parameter's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Its value.</summary>
    public double Value { get; init; }

    /// <summary>The knob that drives it, or null.</summary>
    public KnobStatus? Knob { get; init; }
}
