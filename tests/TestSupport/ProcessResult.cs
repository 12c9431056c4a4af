namespace GruPedalPi.TestSupport;

/// <summary>What a finished command printed and returned.</summary>
/// <param name="ExitCode">The command's exit status.</param>
/// <param name="Stdout">Everything it wrote to standard output.</param>
/// <param name="Stderr">Everything it wrote to standard error.</param>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string Output => Stdout + Stderr;
}
