using GruPedalPi.Firmware.Offline;
using GruPedalPi.Firmware.Signals;

namespace GruPedalPi.SystemTests;

/// <summary>
/// The Pi's own package on the Pi's architecture: an arm64 Debian 12 booted under <c>qemu-system-aarch64</c> (TCG,
/// so its timing means nothing; function does), two boots of one machine. Boot 1 installs the arm64 NativeAOT
/// package with apt, waits for the service postinst starts to play on the ALSA loopback card and renders the riff;
/// boot 2 is the first boot to sound. The amd64 program renders the same riff on the host for comparison.
/// </summary>
public sealed class Arm64System : IDisposable
{
    /// <summary>Seconds of the built-in riff rendered on both sides.</summary>
    public const int RiffSeconds = 2;

    /// <summary>The preset both sides render (2x oversampling and fast math, as on stage).</summary>
    public const string Preset = "Hot Drive";

    private readonly Lazy<(GuestBoot Install, GuestBoot Boot)> _boots;
    private readonly string _work;

    /// <summary>Creates the fixture; nothing is built or booted until a test asks.</summary>
    public Arm64System()
    {
        _work = Path.Combine(Path.GetTempPath(), $"gru-pedal-arm64-tests-{Environment.ProcessId}");
        _boots = new(Run);
    }

    /// <summary>Boot 1: apt install, the service playing, the render.</summary>
    public GuestBoot Install => _boots.Value.Install;

    /// <summary>Boot 2: the first boot to sound.</summary>
    public GuestBoot Boot => _boots.Value.Boot;

    /// <summary>The riff as it went into the guest (mono, 48 kHz).</summary>
    public string RiffPath => Path.Combine(_work, "payload", "riff.wav");

    /// <summary>The amd64 program's render of the riff (the package's program, run on the host).</summary>
    public string Amd64RenderPath => Path.Combine(_work, "render-amd64.wav");

    /// <summary>Deletes the machine's disk and payloads (the image and the packages stay cached).</summary>
    public void Dispose()
    {
        if (Directory.Exists(_work) && Environment.GetEnvironmentVariable("GRU_PEDAL_KEEP_SYSTEM_TEST") is null)
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private (GuestBoot, GuestBoot) Run()
    {
        Shell.RequireRoot();
        var image = GuestImage.EnsureArm64();
        var payload = GuestImage.NewPayload(Path.Combine(_work, "payload"), GuestPackage.Arm64);
        WavFile.WriteFloat(RiffPath, [GuitarRiff.Render(48000)[..(RiffSeconds * 48000)]], 48000);

        var tree = Path.Combine(_work, "amd64-package");
        Shell.Check("dpkg-deb", ["-x", GuestPackage.Amd64, tree]);
        Shell.Check(Path.Combine(tree, "usr", "lib", "gru-pedal", "gru-pedal"), ["render", RiffPath, Amd64RenderPath, "--preset", Preset, "--quiet"]);

        var machine = new GuestMachine(image, Path.Combine(_work, "machine"), arm64: true);
        var install = machine.Boot("arm64-install", payload, timeoutMinutes: 12);
        var boot = machine.Boot("arm64-boot", payload, timeoutMinutes: 8);
        return (install, boot);
    }
}
