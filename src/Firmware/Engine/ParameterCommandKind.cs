namespace GruPedalPi.Firmware.Engine;

/// <summary>What a <see cref="ParameterCommand"/> does to the chain.</summary>
public enum ParameterCommandKind
{
    /// <summary>Set one parameter's target (the chain ramps to it).</summary>
    SetParameter = 0,
    /// <summary>Set every parameter's target (a preset: the chain ramps to it).</summary>
    SetAll = 1,
    /// <summary>Bypass (value 1) or engage (value 0) with the chain's crossfade.</summary>
    SetBypass = 2,
}
