using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Signals;

namespace GruPedalPi.SystemTests;

/// <summary>
/// The pedal as it ships, on a booted Debian 12 (systemd as PID 1, Debian's kernel, ALSA, kernel GPIO and SPI),
/// made once for the whole test run: the guest image (cached), the amd64 NativeAOT package (the same build as the
/// Pi's), and three boots of one machine. Boot 1 installs the package with apt and configures the pedal as a HAT
/// user would; boot 2 is the first boot to sound and runs every scenario; boot 3 comes after a power-off; boot 4
/// upgrades the package while it plays, as push.sh does, and rolls back two broken versions. The tests
/// assert on what each boot recorded.
/// </summary>
public sealed class BootedSystem : IDisposable
{
    /// <summary>Seconds of the built-in riff the guest plays through the pedal.</summary>
    public const int RiffSeconds = 4;

    /// <summary>Frames after the riff that the stage-versus-render comparison still covers (100 ms: the ring-out).</summary>
    public const int TailFrames = 4800;

    private readonly Lazy<(GuestBoot Install, GuestBoot Play, GuestBoot Reboot, GuestBoot Upgrade, GuestBoot Push)> _boots;
    private readonly string _work;

    /// <summary>Creates the fixture; nothing is built or booted until a test asks.</summary>
    public BootedSystem()
    {
        _work = Path.Combine(Path.GetTempPath(), $"gru-pedal-system-tests-{Environment.ProcessId}");
        _boots = new(Run);
    }

    /// <summary>Boot 1: apt install, the HAT user's configuration, a sound left for later.</summary>
    public GuestBoot Install => _boots.Value.Install;

    /// <summary>Boot 2: boot to sound and the scenarios.</summary>
    public GuestBoot Play => _boots.Value.Play;

    /// <summary>Boot 3: after a power-off.</summary>
    public GuestBoot Reboot => _boots.Value.Reboot;

    /// <summary>Boot 4: upgrades while playing, and two broken versions rolled back.</summary>
    public GuestBoot Upgrade => _boots.Value.Upgrade;

    /// <summary>Boot 5: <c>deploy/push.sh</c> from the host over SSH (a first install: boot 4 ended with a purge).</summary>
    public GuestBoot Push => _boots.Value.Push;

    /// <summary>What <c>deploy/push.sh</c> printed and its exit status, on the host, in boot 5 (null when it never ran).</summary>
    public ProcessResult? PushResult { get; private set; }

    /// <summary>The riff as it went into the guest (mono, 48 kHz).</summary>
    public string RiffPath => Path.Combine(_work, "payload", "riff.wav");

    /// <summary>Deletes the machine's disk and payloads (the image and the package stay cached).</summary>
    public void Dispose()
    {
        if (Directory.Exists(_work) && Environment.GetEnvironmentVariable("GRU_PEDAL_KEEP_SYSTEM_TEST") is null)
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private (GuestBoot, GuestBoot, GuestBoot, GuestBoot, GuestBoot) Run()
    {
        Shell.RequireRoot();
        var image = GuestImage.Ensure();
        var payload = GuestImage.NewPayload(Path.Combine(_work, "payload"));

        var riff = GuitarRiff.Render(48000);
        // Half a second of silence after the riff: aplay's stop (a partial last period, the cable closing) falls
        // in silence that the comparison leaves out.
        var input = new float[(RiffSeconds * 48000) + (TailFrames * 5)];
        riff.AsSpan(0, RiffSeconds * 48000).CopyTo(input);
        WavFile.WriteFloat(RiffPath, [input], 48000);

        var machine = new GuestMachine(image, Path.Combine(_work, "machine"));
        var install = machine.Boot("install", payload, timeoutMinutes: 10);
        File.Delete(Path.Combine(payload, "gru-pedal.deb"));
        var play = machine.Boot("play", payload, timeoutMinutes: 15);
        var reboot = machine.Boot("reboot", payload, timeoutMinutes: 8);
        var (v2, brokenCheck, brokenCrash) = GuestPackage.Upgrades;
        File.Copy(GuestPackage.Amd64, Path.Combine(payload, "v1.deb"), overwrite: true);
        File.Copy(v2, Path.Combine(payload, "v2.deb"), overwrite: true);
        File.Copy(brokenCheck, Path.Combine(payload, "broken-check.deb"), overwrite: true);
        File.Copy(brokenCrash, Path.Combine(payload, "broken-crash.deb"), overwrite: true);
        var upgrade = machine.Boot("upgrade", payload, timeoutMinutes: 15);
        foreach (var deb in Directory.GetFiles(payload, "*.deb"))
        {
            File.Delete(deb);
        }

        var key = Path.Combine(_work, "id_ed25519");
        File.Delete(key);
        File.Delete(key + ".pub");
        Shell.Check("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "gru-pedal-system-test", "-f", key]);
        File.Copy(key + ".pub", Path.Combine(payload, "authorized_keys"), overwrite: true);
        var push = machine.BootWithSsh("push", payload, "@@ push-ready", (port, _) => PushOverSsh(port, key), timeoutMinutes: 20);
        return (install, play, reboot, upgrade, push);
    }

    /// <summary>The developer's side of boot 5: <c>deploy/push.sh --deb</c> to pi@127.0.0.1 through the forwarded
    /// port, then its exit status written to the guest's <c>/run/push-done</c> (which ends the guest's wait).</summary>
    private void PushOverSsh(int port, string key)
    {
        string[] options = [$"Port={port}", $"IdentityFile={key}", "IdentitiesOnly=yes", "BatchMode=yes", "StrictHostKeyChecking=no",
            "UserKnownHostsFile=/dev/null", "LogLevel=ERROR"];
        List<string> push = ["--deb", GuestPackage.Amd64, .. options.SelectMany(o => new[] { "--ssh-option", o }), "pi@127.0.0.1"];
        try
        {
            PushResult = Shell.Run(Path.Combine(Shell.RepositoryRoot, "deploy", "push.sh"), push, timeoutMinutes: 12);
        }
        catch (TimeoutException e)
        {
            PushResult = new ProcessResult(-1, "", e.Message);
        }

        List<string> done = [.. options.SelectMany(o => new[] { "-o", o }), "pi@127.0.0.1", $"echo {PushResult.ExitCode} | sudo tee /run/push-done"];
        Shell.Run("ssh", done, timeoutMinutes: 2);
    }
}
