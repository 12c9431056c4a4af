using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal bench`: Benchmark the unit and the chain.</summary>
internal static class BenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("bench", "Benchmark the unit and the chain");
}
