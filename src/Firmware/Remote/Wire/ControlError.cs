namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>The <c>error</c> object of a failed response.</summary>
public sealed record ControlError
{
    /// <summary>One of <see cref="Core.ErrorCodes"/>.</summary>
    public string Code { get; init; } = "";

    /// <summary>What went wrong, for a person, naming the field, file or value.</summary>
    public string Message { get; init; } = "";
}
