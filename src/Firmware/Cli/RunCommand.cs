using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal run`: Run the pedal service.</summary>
internal static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("run", "Run the pedal service");
}
