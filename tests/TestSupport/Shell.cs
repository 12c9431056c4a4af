using System.Diagnostics;

namespace GruPedalPi.TestSupport;

/// <summary>Runs the deploy scripts and the system tools they use, as the tests' user or as root.</summary>
public static class Shell
{
    /// <summary>The repository's root folder (the one holding GruPedalPi.sln).</summary>
    public static string RepositoryRoot => TestSupport.RepositoryRoot.Path;

    /// <summary>True when the tests run as root (needed for chroot and debootstrap).</summary>
    public static bool IsRoot { get; } = Environment.UserName == "root" || Run("id", ["-u"]).Stdout.Trim() == "0";

    /// <summary>Runs a program to its end and returns what it printed; never throws on a non-zero status.</summary>
    /// <param name="fileName">The program, found on the PATH.</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell).</param>
    /// <param name="environment">Variables to add to the environment, or null.</param>
    /// <param name="workingDirectory">Where it runs (default: the repository's root).</param>
    /// <param name="timeoutMinutes">How long it may run before it is killed and the test fails (1..60 min).</param>
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        double timeoutMinutes = 5)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(timeoutMinutes)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} ran longer than {timeoutMinutes} min");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a program and fails the test, showing its output, when it does not exit 0.</summary>
    public static ProcessResult Check(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        double timeoutMinutes = 5)
    {
        var list = arguments.ToList();
        var result = Run(fileName, list, environment, timeoutMinutes: timeoutMinutes);
        Assert.True(
            result.ExitCode == 0,
            $"{fileName} {string.Join(' ', list)} exited {result.ExitCode}:\n{result.Output}");
        return result;
    }

    /// <summary>Fails the test when a tool the deploy scripts use is not installed (test.sh installs them).</summary>
    public static void RequireTool(string name)
    {
        var found = Run("sh", ["-c", $"command -v {name}"]).ExitCode == 0;
        Assert.True(found, $"'{name}' is not installed: run ./test.sh, which installs the packages the deploy tests use");
    }

    /// <summary>Fails the test when it does not run as root (chroot, debootstrap and dpkg need it).</summary>
    public static void RequireRoot()
    {
        Assert.True(IsRoot, "the package tests install into a scratch Debian root with chroot: run them as root");
    }
}
