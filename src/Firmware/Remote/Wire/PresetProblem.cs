namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>A preset file that could not be read.</summary>
public sealed record PresetProblem
{
    /// <summary>The file's name.</summary>
    public string File { get; init; } = "";

    /// <summary>What is wrong, with line and column.</summary>
    public string Message { get; init; } = "";

    /// <summary>The preset kept in its place (the last good version), or null.</summary>
    public string? Kept { get; init; }
}
