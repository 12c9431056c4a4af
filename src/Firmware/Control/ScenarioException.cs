namespace GruPedalPi.Firmware.Control;

/// <summary>A scenario line that cannot be run: the message names the file and the line.</summary>
public sealed class ScenarioException(string source, int line, string problem)
    : Exception($"{source}:{line}: {problem}")
{
    /// <summary>The 1-based line number.</summary>
    public int Line { get; } = line;
}
