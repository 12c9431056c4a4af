using System.CommandLine;
using GruPedalPi.Firmware.Remote;

namespace GruPedalPi.Firmware.Cli;

/// <summary>The options every control command takes: --socket, --data-dir and --json (recursive).</summary>
public sealed class CommandLineOptions
{
    private CommandLineOptions(Command command)
    {
        command.Options.Add(Socket);
        command.Options.Add(DataDirectory);
        command.Options.Add(Json);
    }

    /// <summary>--socket PATH.</summary>
    public Option<string?> Socket { get; } = new("--socket")
    {
        Description = $"The service's control socket (default ${ControlProtocol.SocketEnvironmentVariable} or {ControlProtocol.DefaultSocketPath})",
        Recursive = true,
    };

    /// <summary>--data-dir DIR.</summary>
    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = $"The data folder, used when the service is not running (default ${ControlProtocol.DataDirectoryEnvironmentVariable} or {ControlProtocol.DefaultDataDirectory})",
        Recursive = true,
    };

    /// <summary>--json.</summary>
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the service's JSON response (one object on one line) instead of a table",
        Recursive = true,
    };

    /// <summary>Adds the options to a top-level command (its subcommands inherit them).</summary>
    public static CommandLineOptions AddTo(Command command) => new(command);
}
