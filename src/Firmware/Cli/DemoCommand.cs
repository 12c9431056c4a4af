using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal demo`: Run the full pedal on simulated hardware with a built-in performance.</summary>
internal static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("demo", "Run the full pedal on simulated hardware with a built-in performance");
}
