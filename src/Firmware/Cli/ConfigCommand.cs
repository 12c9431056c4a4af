using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal config`: Show or check the configuration.</summary>
internal static class ConfigCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("config", "Show or check the configuration");
}
