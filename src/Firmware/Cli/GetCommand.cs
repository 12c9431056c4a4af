using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal get`: Get parameter values.</summary>
internal static class GetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("get", "Get parameter values");
}
