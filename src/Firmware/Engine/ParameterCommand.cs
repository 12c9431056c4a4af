using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Engine;

/// <summary>One change for the audio thread: an unmanaged value copied through the <see cref="ParameterQueue"/>.</summary>
public struct ParameterCommand
{
    /// <summary>What to do.</summary>
    public ParameterCommandKind Kind;

    /// <summary>The parameter, for <see cref="ParameterCommandKind.SetParameter"/>.</summary>
    public ParameterId Id;

    /// <summary>The value for <see cref="ParameterCommandKind.SetParameter"/>; 1 (bypass) or 0 (engage) for <see cref="ParameterCommandKind.SetBypass"/>.</summary>
    public float Value;

    /// <summary>The settings for <see cref="ParameterCommandKind.SetAll"/>.</summary>
    public PedalSettings Settings;

    /// <summary>A parameter change.</summary>
    public static ParameterCommand Parameter(ParameterId id, float value) =>
        new() { Kind = ParameterCommandKind.SetParameter, Id = id, Value = value };

    /// <summary>A whole set of targets.</summary>
    public static ParameterCommand All(in PedalSettings settings) =>
        new() { Kind = ParameterCommandKind.SetAll, Settings = settings };

    /// <summary>A bypass switch.</summary>
    public static ParameterCommand Bypass(bool bypassed) =>
        new() { Kind = ParameterCommandKind.SetBypass, Value = bypassed ? 1f : 0f };
}
