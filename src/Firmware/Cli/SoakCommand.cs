using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal soak`: Run the service and print real-time statistics.</summary>
internal static class SoakCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("soak", "Run the service and print real-time statistics");
}
