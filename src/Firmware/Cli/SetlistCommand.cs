using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal setlist`: Manage the set list.</summary>
internal static class SetlistCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("setlist", "Manage the set list");
}
