using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal simulate`: Run the control surface on simulated devices from a scenario.</summary>
internal static class SimulateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("simulate", "Run the control surface on simulated devices from a scenario");
}
