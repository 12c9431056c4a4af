using System.Security.Cryptography;
using System.Text;

namespace GruPedalPi.SystemTests;

/// <summary>
/// The Debian 12 guest image the system tests boot (<c>Guest/build-image.sh</c>): built once and kept in
/// <c>artifacts/system-tests/image-KEY</c>, where KEY is a hash of every file that goes into it, so a change to the
/// recipe, a module or a guest file builds a new one and an unchanged recipe reuses the last (the image is only
/// ever booted through a copy-on-write overlay, so reuse is safe).
/// </summary>
public static class GuestImage
{
    /// <summary>The folder of the guest's build files in the repository.</summary>
    public static string GuestFolder { get; } = Path.Combine(Shell.RepositoryRoot, "tests", "System.Tests", "Guest");

    /// <summary>Returns the folder holding <c>root.img</c>, <c>vmlinux</c> and <c>initrd.img</c>, building them when
    /// no image of the current recipe exists (about 2 minutes on 2 cores).</summary>
    public static string Ensure()
    {
        string[] recipe = ["build-image.sh", "extract-vmlinux.py", .. Directory.GetFiles(Path.Combine(GuestFolder, "image")), .. Directory.GetFiles(Path.Combine(GuestFolder, "modules"))];
        return Build("image", "build-image.sh", recipe, "vmlinux", ["debootstrap", "mke2fs", "gcc", "make", "python3", "xz"]);
    }

    /// <summary>Returns the folder of the arm64 image (<c>root.img</c>, <c>vmlinuz</c>, <c>initrd.img</c>), building it
    /// when no image of the current recipe exists (about 5 minutes on 2 cores: the second stage runs under qemu-user).</summary>
    public static string EnsureArm64()
    {
        string[] recipe = ["build-image-arm64.sh", Path.Combine("image", "vmtest-run"), Path.Combine("image", "vmtest.service")];
        return Build("image-arm64", "build-image-arm64.sh", recipe, "vmlinuz", ["debootstrap", "mke2fs", "update-binfmts", "qemu-aarch64-static"]);
    }

    private static string Build(string prefix, string script, string[] recipe, string kernel, string[] tools)
    {
        var dir = Path.Combine(Shell.RepositoryRoot, "artifacts", "system-tests", $"{prefix}-{RecipeKey(recipe)}");
        if (IsComplete(dir, kernel))
        {
            return dir;
        }

        Shell.RequireRoot();
        foreach (var tool in tools)
        {
            Shell.RequireTool(tool);
        }

        var result = Shell.Run(Path.Combine(GuestFolder, script), [dir], timeoutMinutes: 25);
        Assert.True(result.ExitCode == 0 && IsComplete(dir, kernel), $"the guest image could not be built ({script} exited {result.ExitCode}):\n{result.Output}");
        return dir;
    }

    /// <summary>Makes a payload folder for the guest: the step scripts of <c>Guest/payload</c> and a package as
    /// <c>gru-pedal.deb</c> (for the install step).</summary>
    /// <param name="dir">The folder to fill (made if missing).</param>
    /// <param name="package">The package (default: the amd64 one, <see cref="GuestPackage.Amd64"/>).</param>
    public static string NewPayload(string dir, string? package = null)
    {
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Path.Combine(GuestFolder, "payload")))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        }

        File.Copy(package ?? GuestPackage.Amd64, Path.Combine(dir, "gru-pedal.deb"), overwrite: true);
        return dir;
    }

    private static bool IsComplete(string dir, string kernel) =>
        File.Exists(Path.Combine(dir, "root.img")) && File.Exists(Path.Combine(dir, kernel)) && File.Exists(Path.Combine(dir, "initrd.img"));

    private static string RecipeKey(IEnumerable<string> recipe)
    {
        var files = recipe.Select(f => Path.Combine(GuestFolder, f)).Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(GuestFolder, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
