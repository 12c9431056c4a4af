using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal preset`: Manage presets.</summary>
internal static class PresetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("preset", "Manage presets");
}
