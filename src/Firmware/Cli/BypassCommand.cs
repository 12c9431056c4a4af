using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal bypass`: Bypass or engage the effect.</summary>
internal static class BypassCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("bypass", "Bypass or engage the effect");
}
