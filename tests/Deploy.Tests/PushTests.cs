namespace GruPedalPi.Deploy.Tests;

/// <summary>
/// deploy/push.sh and deploy/install-on-pi.sh without a Pi: the commands a dry run prints, the firmware
/// configuration edits, and a whole push over a stand-in ssh/scp that runs the Pi's side inside a scratch
/// Debian root.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class PushTests(DeployFixture fixture)
{
    private static readonly string Deploy = Path.Combine(Shell.RepositoryRoot, "deploy");

    // The shape of Raspberry Pi OS (bookworm) /boot/firmware/config.txt.
    private const string PiOsConfigTxt = """
        # For more options and information see
        # http://rptl.io/configtxt

        # Uncomment some or all of these to enable the optional hardware interfaces
        #dtparam=i2c_arm=on
        #dtparam=i2s=on
        #dtparam=spi=on

        # Enable audio (loads snd_bcm2835)
        dtparam=audio=on

        # Enable DRM VC4 V3D driver
        dtoverlay=vc4-kms-v3d
        max_framebuffers=2

        [cm4]
        otg_mode=1

        [all]

        """;

    [Fact]
    public void The_deploy_scripts_are_shellcheck_clean()
    {
        Shell.RequireTool("shellcheck");
        string[] scripts = ["build-deb.sh", "push.sh", "install-on-pi.sh", "record-exit", "debian/postinst", "debian/prerm", "debian/postrm"];
        var result = Shell.Run("shellcheck", scripts.Select(s => Path.Combine(Deploy, s)));
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public void A_dry_run_prints_the_build_copy_install_and_clean_up_commands_without_running_them()
    {
        var result = Shell.Check(Path.Combine(Deploy, "push.sh"), ["--dry-run", "--hat", "hifiberry-dacplusadc", "--i2c", "pi@pedal.local"]);

        var lines = result.Stdout.Split('\n').Where(l => l.StartsWith('+')).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Contains("build-deb.sh --arch arm64 --mode aot", lines[0]);
        Assert.Contains("ssh", lines[1]);
        Assert.Contains("mktemp", lines[1]);
        Assert.StartsWith("+ scp", lines[2]);
        Assert.Contains("install-on-pi.sh pi@pedal.local:/tmp/gru-pedal-push.", lines[2]);
        Assert.Contains(@"sudo\ bash\ /tmp/gru-pedal-push.XXXXXX/install-on-pi.sh\ --user\ pi\ --i2c\ --hat\ hifiberry-dacplusadc\ ", lines[3]);
        Assert.Contains(@"rm\ -rf\ /tmp/gru-pedal-push.", lines[4]);
        Assert.Contains("dry run, nothing was done", result.Stdout);
    }

    [Fact]
    public void Push_refuses_an_unknown_hat_and_a_target_without_a_user()
    {
        var hat = Shell.Run(Path.Combine(Deploy, "push.sh"), ["--dry-run", "--hat", "soundblaster", "pi@pedal.local"]);
        Assert.Equal(2, hat.ExitCode);
        Assert.Contains("unknown HAT 'soundblaster'", hat.Stderr);
        Assert.Contains("pisound", hat.Stderr);

        var target = Shell.Run(Path.Combine(Deploy, "push.sh"), ["--dry-run", "pedal.local"]);
        Assert.Equal(2, target.ExitCode);
        Assert.Contains("USER@HOST", target.Stderr);
    }

    [Fact]
    public void The_boot_configuration_gets_one_block_for_the_hat_and_spi_and_the_on_board_audio_is_turned_off()
    {
        Shell.RequireRoot();
        var dir = Path.Combine(fixture.PackagesDir, "boot-config");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "config.txt");
        File.WriteAllText(file, PiOsConfigTxt);

        var first = RunInstaller(file, "--hat", "hifiberry-dacplusadc", "--i2c");
        Assert.True(first.ExitCode == 3, $"a changed config.txt should ask for a reboot:\n{first.Output}");
        var text = File.ReadAllText(file);
        Assert.Contains("\n[all]\ndtparam=spi=on\ndtparam=i2c_arm=on\ndtoverlay=hifiberry-dacplusadc\n# <<< gru-pedal <<<\n", text);
        Assert.Contains("#dtparam=audio=on  # turned off by gru-pedal", text);
        Assert.StartsWith(PiOsConfigTxt.Split("dtparam=audio=on")[0], text); // the rest is untouched
        Assert.Equal(PiOsConfigTxt, File.ReadAllText(file + ".gru-pedal-backup"));

        // The same again changes nothing and needs no reboot.
        var again = RunInstaller(file, "--hat", "hifiberry-dacplusadc", "--i2c");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(text, File.ReadAllText(file));

        // Another HAT replaces the block instead of adding a second overlay.
        var other = RunInstaller(file, "--hat", "pisound");
        Assert.Equal(3, other.ExitCode);
        var switched = File.ReadAllText(file);
        Assert.Single(AllIndexes(switched, "# >>> gru-pedal"));
        Assert.Contains("dtoverlay=pisound\n", switched);
        Assert.DoesNotContain("hifiberry", switched);
        Assert.DoesNotContain("i2c_arm=on\n", switched.Replace("#dtparam=i2c_arm=on", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Push_installs_then_updates_the_package_on_a_stand_in_pi_and_keeps_the_musicians_files()
    {
        Shell.RequireRoot();
        var root = fixture.NewRoot("push");
        Directory.CreateDirectory(Path.Combine(root, "boot/firmware"));
        File.WriteAllText(Path.Combine(root, "boot/firmware/config.txt"), PiOsConfigTxt);
        var tools = WriteStandInSshAndScp();
        var environment = new Dictionary<string, string>
        {
            ["GRU_PEDAL_SSH"] = Path.Combine(tools, "ssh"),
            ["GRU_PEDAL_SCP"] = Path.Combine(tools, "scp"),
            ["STAND_IN_PI_ROOT"] = root,
        };

        var first = Shell.Run(Path.Combine(Deploy, "push.sh"), ["--hat", "audioinjector", "--deb", fixture.Amd64Package, "root@pi"], environment);

        Assert.True(first.ExitCode == 3, $"first push (HAT set up: reboot needed):\n{first.Output}");
        Assert.Contains("reboot", first.Stdout);
        Assert.Contains("dtoverlay=audioinjector-wm8731-audio", File.ReadAllText(Path.Combine(root, "boot/firmware/config.txt")));
        Assert.Contains(DeployFixture.Version1, DeployFixture.InRoot(root, "gru-pedal", "--version").Stdout);
        Assert.Empty(Directory.GetDirectories(Path.Combine(root, "tmp"), "gru-pedal-push.*")); // cleaned up

        File.WriteAllText(Path.Combine(root, "etc/gru-pedal/config.json"), "{ }\n");
        Directory.CreateDirectory(Path.Combine(root, "var/lib/gru-pedal/presets"));
        File.WriteAllText(Path.Combine(root, "var/lib/gru-pedal/presets/lead.json"), "{ \"name\": \"Lead\" }\n");

        var update = Shell.Run(Path.Combine(Deploy, "push.sh"), ["--hat", "audioinjector", "--deb", fixture.Amd64Package2, "root@pi"], environment);

        Assert.True(update.ExitCode == 0, $"update:\n{update.Output}");
        Assert.Contains("installed on root@pi", update.Stdout);
        Assert.Contains($"installing gru-pedal {DeployFixture.Version2} over {DeployFixture.Version1}", update.Output);
        Assert.Equal("{ }\n", File.ReadAllText(Path.Combine(root, "etc/gru-pedal/config.json")));
        Assert.Equal("{ \"name\": \"Lead\" }\n", File.ReadAllText(Path.Combine(root, "var/lib/gru-pedal/presets/lead.json")));
        var kept = Directory.GetFiles(Path.Combine(root, "var/lib/gru-pedal/packages")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal([$"gru-pedal_{DeployFixture.Version1}_amd64.deb", $"gru-pedal_{DeployFixture.Version2}_amd64.deb"], kept);
    }

    private ProcessResult RunInstaller(string bootConfig, params string[] options) =>
        Shell.Run("bash", [Path.Combine(Deploy, "install-on-pi.sh"), "--boot-config", bootConfig, .. options]);

    private string WriteStandInSshAndScp()
    {
        // ssh: drop the options and the host, run the command in the stand-in Pi's root.
        // scp: drop the options, copy the files to HOST:DIR inside that root.
        var dir = Path.Combine(fixture.PackagesDir, "stand-in-pi");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "ssh"), """
            #!/usr/bin/env bash
            set -euo pipefail
            while [[ $1 == -* ]]; do if [[ $1 == -o ]]; then shift 2; else shift; fi; done
            shift
            exec env PATH=/usr/sbin:/usr/bin:/sbin:/bin chroot "$STAND_IN_PI_ROOT" /bin/bash -c "$*"
            """);
        File.WriteAllText(Path.Combine(dir, "scp"), """
            #!/usr/bin/env bash
            set -euo pipefail
            files=()
            while (($#)); do case $1 in -o) shift 2 ;; -*) shift ;; *) files+=("$1"); shift ;; esac; done
            destination=${files[-1]}
            unset 'files[-1]'
            cp "${files[@]}" "$STAND_IN_PI_ROOT${destination#*:}"
            """);
        Shell.Check("chmod", ["+x", Path.Combine(dir, "ssh"), Path.Combine(dir, "scp")]);
        return dir;
    }

    private static List<int> AllIndexes(string text, string part)
    {
        var found = new List<int>();
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            found.Add(i);
        }

        return found;
    }
}
