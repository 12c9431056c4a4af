namespace GruPedalPi.SystemTests;

/// <summary>The NativeAOT packages the guests install: amd64 (the same build as the Pi's) and arm64 (the Pi's own), each built once per test run.</summary>
public static class GuestPackage
{
    /// <summary>The package version the tests build.</summary>
    public const string Version = "0.0.1~system";

    private static readonly Lazy<string> s_amd64 = new(() =>
    {
        var build = Shell.Check(Path.Combine(Shell.RepositoryRoot, "deploy", "build-deb.sh"),
            ["--arch", "amd64", "--mode", "aot", "--version", Version, "--out", Path.Combine(Shell.RepositoryRoot, "artifacts", "system-tests")],
            timeoutMinutes: 25);
        return build.Stdout.Trim().Split('\n')[^1];
    });

    private static readonly Lazy<string> s_arm64 = new(() =>
    {
        var build = Shell.Check(Path.Combine(Shell.RepositoryRoot, "deploy", "build-deb.sh"),
            ["--arch", "arm64", "--mode", "aot", "--version", Version, "--out", Path.Combine(Shell.RepositoryRoot, "artifacts", "system-tests")],
            timeoutMinutes: 25);
        return build.Stdout.Trim().Split('\n')[^1];
    });

    /// <summary>The path of the arm64 package, the Pi's (NativeAOT, cross-compiled; built on first use).</summary>
    public static string Arm64 => s_arm64.Value;

    /// <summary>The version of the second package (another build: its --version and default configuration differ).</summary>
    public const string Version2 = "0.0.2~system";

    private static readonly Lazy<(string V2, string BrokenCheck, string BrokenCrash)> s_upgrades = new(BuildUpgrades);

    /// <summary>The path of the amd64 package (built on first use).</summary>
    public static string Amd64 => s_amd64.Value;

    /// <summary>Version 2 (a second publish with its own version and default configuration), and two broken versions made
    /// from it: one whose program rejects every configuration (<c>config check</c> fails, so postinst refuses it), one whose
    /// program aborts as soon as the service runs it.</summary>
    public static (string V2, string BrokenCheck, string BrokenCrash) Upgrades => s_upgrades.Value;

    private static (string, string, string) BuildUpgrades()
    {
        _ = Amd64; // the first version's publish comes first: v2 replaces it
        var dir = Path.Combine(Shell.RepositoryRoot, "artifacts", "system-tests");
        var config = Path.Combine(dir, "config-v2.json");
        File.WriteAllText(config, "// GruPedalPi version 2 default configuration (system test)\n" +
            File.ReadAllText(Path.Combine(Shell.RepositoryRoot, "deploy", "config.json")));
        var build = Shell.Check(Path.Combine(Shell.RepositoryRoot, "deploy", "build-deb.sh"),
            ["--arch", "amd64", "--mode", "aot", "--version", Version2, "--config", config, "--out", dir], timeoutMinutes: 25);
        var v2 = build.Stdout.Trim().Split('\n')[^1];
        string check = Broken(v2, "0.0.3~broken-check",
            "case \"$1 $2\" in \"config check\") echo \"$3: refused on purpose by the broken test build\" >&2; exit 2 ;; esac\n");
        string crash = Broken(v2, "0.0.3~broken-crash",
            "case \"$1\" in run) echo \"gru-pedal: crashing on purpose (broken test build)\" >&2; kill -ABRT $$ ;; esac\n");
        return (v2, check, crash);
    }

    /// <summary>Repackages <paramref name="deb"/> as <paramref name="version"/> with the program behind a shell wrapper that
    /// runs <paramref name="fault"/> first.</summary>
    private static string Broken(string deb, string version, string fault)
    {
        var root = Path.Combine(Path.GetTempPath(), $"gru-pedal-broken-{version}-{Environment.ProcessId}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Shell.Check("dpkg-deb", ["-R", deb, root]);
        var program = Path.Combine(root, "usr", "lib", "gru-pedal", "gru-pedal");
        File.Move(program, program + ".real");
        File.WriteAllText(program, "#!/bin/sh\n" + fault + "exec /usr/lib/gru-pedal/gru-pedal.real \"$@\"\n");
        Shell.Check("chmod", ["0755", program]);
        var control = Path.Combine(root, "DEBIAN", "control");
        File.WriteAllLines(control, File.ReadAllLines(control).Select(l => l.StartsWith("Version: ", StringComparison.Ordinal) ? $"Version: {version}" : l));
        Shell.Check("sh", ["-c", $"cd '{root}' && find . -path ./DEBIAN -prune -o -type f -printf '%P\\0' | sort -z | xargs -0 md5sum > DEBIAN/md5sums"]);
        var output = Path.Combine(Path.GetDirectoryName(deb)!, $"gru-pedal_{version}_amd64.deb");
        Shell.Check("dpkg-deb", ["--root-owner-group", "-Zxz", "--build", root, output]);
        Directory.Delete(root, recursive: true);
        return output;
    }
}
