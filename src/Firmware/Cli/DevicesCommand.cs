using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal devices`: List audio devices.</summary>
internal static class DevicesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("devices", "List audio devices");
}
