using System.CommandLine;

namespace GruPedalPi.Firmware.Cli;

/// <summary>A command whose implementation has not landed yet: it says so and exits 1.</summary>
internal static class CliStub
{
    /// <summary>Creates a placeholder command.</summary>
    public static Command Create(string name, string description)
    {
        var command = new Command(name, description + " (not implemented yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine($"gru-pedal {name}: not implemented yet");
            return 1;
        });
        return command;
    }
}
