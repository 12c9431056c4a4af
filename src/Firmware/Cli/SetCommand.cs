using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal set`: Set a parameter value.</summary>
internal static class SetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("set", "Set a parameter value");
}
