using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal status`: Show the running service's status.</summary>
internal static class StatusCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("status", "Show the running service's status");
}
