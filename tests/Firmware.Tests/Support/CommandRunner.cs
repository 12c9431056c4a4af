using System.CommandLine;

namespace GruPedalPi.Firmware.Tests.Support;

/// <summary>Runs one of the executable's commands in-process, capturing what it prints.</summary>
internal static class CommandRunner
{
    /// <summary>Invokes <paramref name="command"/> with <paramref name="args"/> (the words after the command's name).</summary>
    public static (int ExitCode, string Output, string Error) Run(Command command, params string[] args)
    {
        var root = new RootCommand("test") { command };
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse([command.Name, .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
