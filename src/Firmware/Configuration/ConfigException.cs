namespace GruPedalPi.Firmware.Configuration;

/// <summary>A configuration that cannot be used: the message names the file and the field.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="source">The file (or "built-in defaults").</param>
    /// <param name="field">The field's JSON path (<c>knobs[2].channel</c>), or null.</param>
    /// <param name="problem">What is wrong and what is allowed.</param>
    public ConfigException(string source, string? field, string problem)
        : base(field is null ? $"{source}: {problem}" : $"{source}: {field}: {problem}")
    {
        Source = source;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public new string Source { get; }

    /// <summary>The field's JSON path, or null.</summary>
    public string? Field { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
