namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary><c>set</c>: the new value.</summary>
public sealed record SetResponse : ControlResponse
{
    /// <summary>The parameter set, with its new value.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
}
