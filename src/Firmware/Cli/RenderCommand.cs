using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal render`: Render a WAV file through the pedal.</summary>
internal static class RenderCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => CliStub.Create("render", "Render a WAV file through the pedal");
}
