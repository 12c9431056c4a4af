namespace GruPedalPi.Deploy.Tests;

/// <summary>
/// What the deploy tests share within one run, each made once on first use: the amd64 package (two versions
/// of the same build, for upgrades), the arm64 package, and a scratch Debian root (debootstrap, with
/// libportaudio2 and systemd) that each scenario copies. Packages go to artifacts/deploy-tests (the dotnet
/// publish outputs in artifacts/deploy are reused by the next run); the roots are deleted at the end.
/// </summary>
public sealed class DeployFixture : IDisposable
{
    /// <summary>The version of the first amd64 package.</summary>
    public const string Version1 = "0.0.1~test1";

    /// <summary>The version of the second amd64 package (same program, for the upgrade).</summary>
    public const string Version2 = "0.0.1~test2";

    private readonly Lazy<string> _amd64Package;
    private readonly Lazy<string> _amd64Package2;
    private readonly Lazy<string> _arm64Package;
    private readonly Lazy<string> _baseRoot;
    private readonly string _scratch;
    private int _roots;

    /// <summary>Creates the fixture; nothing is built until a test asks.</summary>
    public DeployFixture()
    {
        PackagesDir = Path.Combine(Shell.RepositoryRoot, "artifacts", "deploy-tests");
        Directory.CreateDirectory(PackagesDir);
        _scratch = Path.Combine(Path.GetTempPath(), $"gru-pedal-deploy-tests-{Environment.ProcessId}");
        _amd64Package = new(() => BuildPackage("amd64", Version1, reuse: false));
        _amd64Package2 = new(() =>
        {
            _ = _amd64Package.Value;
            return BuildPackage("amd64", Version2, reuse: true);
        });
        _arm64Package = new(() => BuildPackage("arm64", Version1, reuse: false));
        _baseRoot = new(MakeBaseRoot);
    }

    /// <summary>Where the test packages are written.</summary>
    public string PackagesDir { get; }

    /// <summary>The amd64 NativeAOT package, version <see cref="Version1"/>.</summary>
    public string Amd64Package => _amd64Package.Value;

    /// <summary>The same program packaged as version <see cref="Version2"/>.</summary>
    public string Amd64Package2 => _amd64Package2.Value;

    /// <summary>The arm64 NativeAOT package (cross-compiled), version <see cref="Version1"/>.</summary>
    public string Arm64Package => _arm64Package.Value;

    /// <summary>A fresh copy of the scratch Debian root, for one scenario.</summary>
    public string NewRoot(string name)
    {
        var baseRoot = _baseRoot.Value;
        var root = Path.Combine(_scratch, $"{Interlocked.Increment(ref _roots)}-{name}");
        Shell.Check("cp", ["-a", baseRoot, root]);
        return root;
    }

    /// <summary>Runs a command inside a scratch root.</summary>
    public static ProcessResult InRoot(string root, params string[] command) =>
        Shell.Run("chroot", [root, .. command], new Dictionary<string, string> { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" });

    /// <summary>Deletes the scratch roots.</summary>
    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Shell.Run("rm", ["-rf", "--one-file-system", _scratch]);
        }
    }

    private string BuildPackage(string arch, string version, bool reuse)
    {
        Shell.RequireTool("dpkg-deb");
        var arguments = new List<string> { "--arch", arch, "--mode", "aot", "--version", version, "--out", PackagesDir };
        if (reuse)
        {
            arguments.Add("--reuse-publish");
        }

        // The first arm64 NativeAOT build takes minutes on a 2-core machine.
        var result = Shell.Check(Path.Combine(Shell.RepositoryRoot, "deploy", "build-deb.sh"), arguments, timeoutMinutes: 25);
        var deb = result.Stdout.Trim().Split('\n')[^1];
        Assert.True(File.Exists(deb), $"build-deb.sh did not print the package's path:\n{result.Output}");
        return deb;
    }

    private string MakeBaseRoot()
    {
        Shell.RequireRoot();
        Shell.RequireTool("debootstrap");
        var root = Path.Combine(_scratch, "base");
        Directory.CreateDirectory(_scratch);
        var mirror = Environment.GetEnvironmentVariable("GRU_PEDAL_DEBIAN_MIRROR") ?? "http://deb.debian.org/debian";
        // Like Raspberry Pi OS: systemd (deb-systemd-helper, systemctl) and the PortAudio the package depends on.
        Shell.Check(
            "debootstrap",
            ["--variant=minbase", "--include=libportaudio2,libgpiod2,systemd,libfontconfig1,fonts-dejavu-core", "bookworm", root, mirror],
            timeoutMinutes: 15);
        return root;
    }
}
