namespace GruPedalPi.Deploy.Tests;

/// <summary>
/// The amd64 package, installed for real with dpkg in a scratch Debian root (debootstrap, entered with chroot):
/// install, upgrade, remove, reinstall and purge, with the musician's configuration and presets surviving
/// everything but purge.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class PackageTests(DeployFixture fixture)
{
    // A valid configuration (postinst checks it with `gru-pedal config check`), edited by the musician.
    private const string MyConfig = "// my pedal\n{ \"takeover\": \"jump\", \"audio\": { \"framesPerBuffer\": 128 } }\n";
    // A valid preset (schema 1, every parameter): the installed program must still read it after an upgrade.
    private const string MyPreset =
        "{ \"schema\": 1, \"name\": \"Crunch\", \"parameters\": { \"wf\": 0.5, \"wh\": 2.5, \"uf\": 0.5, \"uh\": 0.5, " +
        "\"bf\": 0, \"input_gain_db\": 0, \"output_gain_db\": 0, \"mix\": 1, \"tone\": 0 } }\n";

    [Fact]
    public void The_package_holds_the_program_the_command_the_unit_and_the_configuration_as_a_conffile()
    {
        var deb = fixture.Amd64Package;
        var contents = Shell.Check("dpkg-deb", ["--contents", deb]).Stdout;
        Assert.Contains("./usr/lib/gru-pedal/gru-pedal", contents);
        Assert.Contains("./usr/lib/gru-pedal/libSkiaSharp.so", contents);
        Assert.Contains("./usr/bin/gru-pedal -> ../lib/gru-pedal/gru-pedal", contents);
        Assert.Contains("./lib/systemd/system/gru-pedal.service", contents);
        Assert.Contains("./etc/gru-pedal/config.json", contents);
        Assert.DoesNotContain(".dbg", contents);
        Assert.DoesNotContain(".pdb", contents);
        Assert.DoesNotContain(".dll", contents); // NativeAOT: no IL, no JIT
        Assert.All(
            contents.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Contains("root/root", line));

        Assert.Equal("gru-pedal", Shell.Check("dpkg-deb", ["--field", deb, "Package"]).Stdout.Trim());
        Assert.Equal("amd64", Shell.Check("dpkg-deb", ["--field", deb, "Architecture"]).Stdout.Trim());
        Assert.Contains("libportaudio2", Shell.Check("dpkg-deb", ["--field", deb, "Depends"]).Stdout);
        var control = Path.Combine(fixture.PackagesDir, "control-amd64");
        Shell.Run("rm", ["-rf", control]);
        Shell.Check("dpkg-deb", ["--control", deb, control]);
        Assert.Equal("/etc/gru-pedal/config.json", File.ReadAllText(Path.Combine(control, "conffiles")).Trim());
        foreach (var script in new[] { "postinst", "prerm", "postrm" })
        {
            Assert.True(File.Exists(Path.Combine(control, script)), $"no {script}");
        }
    }

    [Fact]
    public void Install_upgrade_remove_reinstall_keep_the_configuration_and_presets_and_purge_removes_them()
    {
        Shell.RequireRoot();
        var root = fixture.NewRoot("lifecycle");
        File.Copy(fixture.Amd64Package, Path.Combine(root, "tmp/v1.deb"));
        File.Copy(fixture.Amd64Package2, Path.Combine(root, "tmp/v2.deb"));

        // Install.
        Check(DeployFixture.InRoot(root, "dpkg", "-i", "/tmp/v1.deb"), "install");
        Assert.Equal(DeployFixture.Version1, InstalledVersion(root));
        var user = Check(DeployFixture.InRoot(root, "id", "gru-pedal"), "id").Stdout;
        Assert.Contains("(audio)", user); // the groups that exist (Debian has no spi, i2c, gpio groups)
        Assert.Contains("gru-pedal", Check(DeployFixture.InRoot(root, "stat", "-c", "%U:%G %a", "/var/lib/gru-pedal"), "stat").Stdout);
        Assert.Contains("750", Check(DeployFixture.InRoot(root, "stat", "-c", "%a", "/var/lib/gru-pedal"), "stat").Stdout);
        Assert.True(File.Exists(Path.Combine(root, "etc/systemd/system/multi-user.target.wants/gru-pedal.service")), "not enabled");
        Assert.True(File.Exists(Path.Combine(root, "etc/systemd/system/sound.target.wants/gru-pedal.service")), "not wanted by sound.target");
        Assert.Contains(DeployFixture.Version1, Check(DeployFixture.InRoot(root, "gru-pedal", "--version"), "gru-pedal --version").Stdout);
        // The installed unit verifies with the root's own systemd, against the installed files.
        var verify = DeployFixture.InRoot(root, "systemd-analyze", "verify", "gru-pedal.service");
        Assert.True(verify.ExitCode == 0 && verify.Output.Trim().Length == 0, $"verify in the root:\n{verify.Output}");

        // The musician edits the configuration and saves a preset.
        File.WriteAllText(Path.Combine(root, "etc/gru-pedal/config.json"), MyConfig);
        WritePreset(root);

        // Upgrade: both survive, the configuration without a question.
        Check(DeployFixture.InRoot(root, "dpkg", "-i", "--force-confdef", "--force-confold", "/tmp/v2.deb"), "upgrade");
        Assert.Equal(DeployFixture.Version2, InstalledVersion(root));
        AssertMineSurvived(root);
        AssertTheProgramReadsMyPreset(root);

        // Remove: the program goes, the configuration, presets and user stay.
        Check(DeployFixture.InRoot(root, "dpkg", "-r", "gru-pedal"), "remove");
        Assert.False(File.Exists(Path.Combine(root, "usr/lib/gru-pedal/gru-pedal")), "program left after remove");
        Assert.False(File.Exists(Path.Combine(root, "usr/bin/gru-pedal")), "command left after remove");
        AssertMineSurvived(root);
        Check(DeployFixture.InRoot(root, "id", "gru-pedal"), "user after remove");

        // Reinstall: everything is found again, and the service is enabled again.
        Check(DeployFixture.InRoot(root, "dpkg", "-i", "--force-confdef", "--force-confold", "/tmp/v2.deb"), "reinstall");
        Assert.Equal(DeployFixture.Version2, InstalledVersion(root));
        AssertMineSurvived(root);
        Assert.True(File.Exists(Path.Combine(root, "etc/systemd/system/multi-user.target.wants/gru-pedal.service")), "not enabled after reinstall");

        // Purge: the data goes too.
        Check(DeployFixture.InRoot(root, "dpkg", "--purge", "gru-pedal"), "purge");
        Assert.False(Directory.Exists(Path.Combine(root, "var/lib/gru-pedal")), "data left after purge");
        Assert.False(Directory.Exists(Path.Combine(root, "etc/gru-pedal")), "configuration left after purge");
        Assert.False(File.Exists(Path.Combine(root, "etc/systemd/system/multi-user.target.wants/gru-pedal.service")), "enable link left after purge");
    }

    [Fact]
    public void A_failed_upgrade_puts_the_previous_version_back_and_keeps_the_musicians_files()
    {
        Shell.RequireRoot();
        var root = fixture.NewRoot("rollback");
        File.Copy(fixture.Amd64Package, Path.Combine(root, "tmp/v1.deb"));
        var broken = MakeBrokenPackage();
        File.Copy(broken, Path.Combine(root, "tmp/broken.deb"));
        var installer = "/usr/lib/gru-pedal/install-on-pi.sh";

        Check(DeployFixture.InRoot(root, "dpkg", "-i", "/tmp/v1.deb"), "install v1");
        // The installer keeps each package it installed, for the next roll-back.
        Check(DeployFixture.InRoot(root, "bash", installer, "/tmp/v1.deb"), "install-on-pi v1");
        Assert.True(
            File.Exists(Path.Combine(root, $"var/lib/gru-pedal/packages/gru-pedal_{DeployFixture.Version1}_amd64.deb")),
            "the installed package was not kept");
        File.WriteAllText(Path.Combine(root, "etc/gru-pedal/config.json"), MyConfig);
        WritePreset(root);

        var result = DeployFixture.InRoot(root, "bash", installer, "/tmp/broken.deb");

        Assert.True(result.ExitCode == 1, $"install-on-pi.sh should fail:\n{result.Output}");
        Assert.Contains("does not run", result.Output); // postinst refused the new program
        Assert.Contains($"{DeployFixture.Version1} is installed again", result.Output);
        Assert.Equal(DeployFixture.Version1, InstalledVersion(root));
        Assert.Contains(DeployFixture.Version1, Check(DeployFixture.InRoot(root, "gru-pedal", "--version"), "--version").Stdout);
        AssertMineSurvived(root);
        AssertTheProgramReadsMyPreset(root);
    }

    private string MakeBrokenPackage()
    {
        // Version 2, whose program crashes at start: unpack, replace the program, pack again.
        var dir = Path.Combine(fixture.PackagesDir, "broken");
        Shell.Run("rm", ["-rf", dir]);
        Shell.Check("dpkg-deb", ["--raw-extract", fixture.Amd64Package2, dir]);
        File.WriteAllText(Path.Combine(dir, "usr/lib/gru-pedal/gru-pedal"), "#!/bin/sh\necho 'Segmentation fault' >&2\nexit 139\n");
        var control = Path.Combine(dir, "DEBIAN/control");
        File.WriteAllText(control, File.ReadAllText(control).Replace(DeployFixture.Version2, "0.0.1~test3", StringComparison.Ordinal));
        var deb = Path.Combine(fixture.PackagesDir, "gru-pedal_0.0.1~test3_amd64.deb");
        Shell.Check("dpkg-deb", ["--root-owner-group", "--build", dir, deb]);
        return deb;
    }

    private static void WritePreset(string root)
    {
        var presets = Path.Combine(root, "var/lib/gru-pedal/presets");
        Directory.CreateDirectory(presets);
        File.WriteAllText(Path.Combine(presets, "crunch.json"), MyPreset);
        Check(DeployFixture.InRoot(root, "chown", "-R", "gru-pedal:gru-pedal", "/var/lib/gru-pedal/presets"), "chown");
    }

    private static void AssertMineSurvived(string root)
    {
        Assert.Equal(MyConfig, File.ReadAllText(Path.Combine(root, "etc/gru-pedal/config.json")));
        Assert.Equal(MyPreset, File.ReadAllText(Path.Combine(root, "var/lib/gru-pedal/presets/crunch.json")));
    }

    private static void AssertTheProgramReadsMyPreset(string root)
    {
        // The service is not running in the root: `preset show` reads the data folder's files directly.
        var show = Check(DeployFixture.InRoot(root, "gru-pedal", "preset", "show", "Crunch", "--data-dir", "/var/lib/gru-pedal",
            "--socket", "/run/gru-pedal/none.sock"), "preset show Crunch").Stdout;
        Assert.Contains("origin: user (crunch.json)", show);
        Assert.Matches(@"(?m)^wh\s+drive\s+2\.5\s", show);
    }

    private static string InstalledVersion(string root)
    {
        var status = Check(DeployFixture.InRoot(root, "dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Version}", "gru-pedal"), "dpkg-query").Stdout;
        var parts = status.Split('|');
        Assert.True(parts[0].Trim() == "ii", $"gru-pedal is not cleanly installed: {status}");
        return parts[1].Trim();
    }

    private static ProcessResult Check(ProcessResult result, string what)
    {
        Assert.True(result.ExitCode == 0, $"{what} exited {result.ExitCode}:\n{result.Output}");
        return result;
    }
}
