using System.Globalization;
using Xunit.Abstractions;
using static GruPedalPi.SystemTests.GuestChecks;

namespace GruPedalPi.SystemTests;

/// <summary>
/// The first steps of the booted-system test on the Pi's architecture (see <see cref="Arm64System"/> and
/// <c>Guest/payload/arm64-*.sh</c>): the arm64 package installs, the pedal boots to sound on the loopback card, and
/// the arm64 program renders what the amd64 program renders.
/// </summary>
public sealed class Arm64SystemTests : IClassFixture<Arm64System>
{
    private readonly Arm64System _system;
    private readonly ITestOutputHelper _output;

    /// <summary>Gets the shared arm64 machine.</summary>
    public Arm64SystemTests(Arm64System system, ITestOutputHelper output)
    {
        _system = system;
        _output = output;
    }

    [Fact]
    public void The_arm64_package_installs_with_apt_on_a_booted_arm64_debian_and_plays_on_the_loopback_card()
    {
        var install = _system.Install;
        Check(install, install["machine"] == "aarch64", "the guest is an arm64 machine");
        Check(install, install["apt_rc"] == "0", "apt-get install ./gru-pedal_*_arm64.deb succeeds");
        Check(install, install["package_arch"] == "arm64", "the installed package is the arm64 one");
        Check(install, install["version"].Contains(GuestPackage.Version, StringComparison.Ordinal), "the installed program runs and reports the package's version");
        Check(install, install["unit_enabled"] == "enabled", "the unit is enabled on install");
        Check(install, install["played_after_install"] == "0" && install["active_after_install"] == "active", "the service postinst starts plays");
        CheckOnLoopback(install);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"arm64 (TCG): apt-get install {install.Number("apt_seconds"):F1} s, render of {Arm64System.RiffSeconds} s {install.Number("render_seconds"):F1} s; boot {install.Seconds:F0} s"));
    }

    [Fact]
    public void On_arm64_the_pedal_boots_to_its_first_callback_by_itself()
    {
        var boot = _system.Boot;
        Check(boot, boot["active_at_boot"] == "active" && boot["playing_at_boot"] == "0", "after a reboot the service is active and its callbacks run without anyone starting it");
        Check(boot, boot["arm64_started_by"].Contains("sound.target", StringComparison.Ordinal), "the sound card pulls the service in (WantedBy=sound.target)");
        double sound = boot.Number("arm64_sound_target_s"), ready = boot.Number("arm64_ready_s"), first = boot.Number("arm64_first_callback_s");
        Check(boot, sound > 0 && ready > 0 && first > 0, "sound.target, READY=1 and the first callback all happened on this boot");
        CheckOnLoopback(boot);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"arm64 boot (TCG): kernel start to sound.target {sound:F2} s, to READY=1 {ready:F2} s, to the first callback {first:F2} s; boot {boot.Seconds:F0} s"));
    }

    [Fact]
    public void The_arm64_program_on_the_guest_renders_what_the_amd64_program_renders_to_within_1e_5_per_sample()
    {
        var install = _system.Install;
        Check(install, install["render_rc"] == "0", "gru-pedal render ran on the arm64 guest");
        var expected = ReadChannel(_system.Amd64RenderPath);
        var actual = ReadChannel(install.ResultFile("render-arm64.wav"));
        Check(install, expected.Length == actual.Length, $"both renders have the same length ({expected.Length} and {actual.Length} frames)");
        Check(install, expected.Max(MathF.Abs) > 0.05f, "the render is not (nearly) silent: something is compared");
        var (worst, at) = LargestDifference(expected, actual);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"arm64 vs amd64 render ({Arm64System.Preset}): largest difference {worst:E2} at frame {at}"));
        // Same code, two instruction sets: only the math libraries' last bits (expf, tanhf) and the vector width may
        // differ (the same bound as the deploy test that runs the arm64 program under qemu-user).
        Check(install, worst <= 1e-5, $"arm64 and amd64 differ by {worst:E3} at frame {at} ({expected[at]} vs {actual[at]})");
    }

    private static void CheckOnLoopback(GuestBoot boot)
    {
        Check(boot, boot["cards"].Contains("Loopback", StringComparison.Ordinal), "the guest has the ALSA loopback card (its only sound card)");
        Check(boot, boot["loopback_state"] == "RUNNING", "the loopback card's playback stream is running");
        Check(boot, boot["loopback_owner_process"] == boot["service_pid"], "and the pedal's service holds it");
    }
}
