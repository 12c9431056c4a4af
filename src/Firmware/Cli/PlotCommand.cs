using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal plot`: Draw the unit's curve or harmonic response.</summary>
internal static class PlotCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("plot", "Draw the unit's curve or harmonic response");
}
