using System.Diagnostics;
using System.Globalization;

namespace GruPedalPi.SystemTests;

/// <summary>
/// One Debian 12 guest under qemu (TCG: KVM hangs on these machines), with its own root disk: a qcow2 overlay on
/// the cached image, so the guest's changes survive from one boot to the next and the image stays pristine. Each
/// <see cref="Boot"/> starts the kernel directly (PVH entry), attaches a payload disk (a tar the guest's
/// <c>vmtest-run</c> unpacks and runs) and a results disk (the tar it writes back), and waits for the power-off.
/// An amd64 guest runs on <c>qemu-system-x86_64 -M pc</c> from the kernel's PVH entry; an arm64 one (the Pi's
/// architecture) on <c>qemu-system-aarch64 -M virt -cpu cortex-a72</c> from Debian's compressed kernel image.
/// </summary>
public sealed class GuestMachine
{
    private readonly string _image;
    private readonly bool _arm64;
    private readonly string _qemu;
    private readonly string _disk;
    private readonly bool _raw;
    private readonly string _workDir;
    private int _boots;

    /// <summary>Makes a machine whose root disk starts as the image's.</summary>
    /// <param name="imageDir">The folder of <see cref="GuestImage.Ensure"/>.</param>
    /// <param name="workDir">Where the disk, payloads and results go.</param>
    /// <param name="rawDisk">False: a qcow2 overlay on the image, written back through the host's cache (fast). True:
    /// a raw copy opened with <c>cache=none</c> (O_DIRECT, the guest's flushes reach the host's disk), so that killing
    /// qemu loses what a power cut loses and nothing a flush made durable.</param>
    /// <param name="arm64">True for the arm64 image (<see cref="GuestImage.EnsureArm64"/>).</param>
    public GuestMachine(string imageDir, string workDir, bool rawDisk = false, bool arm64 = false)
    {
        _image = imageDir;
        _workDir = workDir;
        _raw = rawDisk;
        _arm64 = arm64;
        _qemu = arm64 ? "qemu-system-aarch64" : "qemu-system-x86_64";
        Directory.CreateDirectory(workDir);
        Shell.RequireTool(_qemu);
        Shell.RequireTool("qemu-img");
        if (rawDisk)
        {
            _disk = Path.Combine(workDir, "root.raw");
            Shell.Check("cp", ["--sparse=always", Path.Combine(imageDir, "root.img"), _disk]);
        }
        else
        {
            _disk = Path.Combine(workDir, "root.qcow2");
            Shell.Check("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", Path.Combine(imageDir, "root.img"), _disk]);
        }
    }

    /// <summary>Boots the guest with <paramref name="step"/>.sh of <paramref name="payloadDir"/> as its payload and
    /// returns what it left. Never throws for a guest that fails: the boot's exit codes and logs say what happened.</summary>
    /// <param name="step">The payload script to run (install, play, reboot): <c>STEP.sh</c> in the payload folder.</param>
    /// <param name="payloadDir">The files the guest gets (scripts, package, WAV).</param>
    /// <param name="timeoutMinutes">How long the boot, the step and the power-off may take (1..30).</param>
    public GuestBoot Boot(string step, string payloadDir, double timeoutMinutes) => Run(step, payloadDir, timeoutMinutes, null, TimeSpan.Zero, null);

    /// <summary>Boots the guest with <paramref name="step"/>.sh and cuts its power (SIGKILL to qemu) once the serial
    /// console has shown <paramref name="trigger"/> and <paramref name="delay"/> has passed. The boot's results are
    /// only what reached the console; <see cref="GuestBoot.QemuExitCode"/> is -9 when the cut happened.</summary>
    /// <param name="step">The payload script to run.</param>
    /// <param name="payloadDir">The files the guest gets.</param>
    /// <param name="trigger">A line of the console after which the power may go (its start).</param>
    /// <param name="delay">How long after the trigger (0..60 s).</param>
    /// <param name="timeoutMinutes">How long the boot may take to reach the trigger (1..30).</param>
    public GuestBoot BootAndCut(string step, string payloadDir, string trigger, TimeSpan delay, double timeoutMinutes) =>
        Run(step, payloadDir, timeoutMinutes, trigger, delay, null);

    /// <summary>Boots the guest with <paramref name="step"/>.sh and a network (qemu's user mode: the guest is 10.0.2.15,
    /// its port 22 forwarded to a free port on the host's 127.0.0.1); once the console shows <paramref name="trigger"/>,
    /// runs <paramref name="hostSide"/> on the host with that port, then waits for the guest to power off.</summary>
    /// <param name="step">The payload script to run.</param>
    /// <param name="payloadDir">The files the guest gets.</param>
    /// <param name="trigger">A line of the console after which the host acts (its end).</param>
    /// <param name="hostSide">What the host does, given the forwarded SSH port and the boot's folder.</param>
    /// <param name="timeoutMinutes">How long the whole boot may take (1..30).</param>
    public GuestBoot BootWithSsh(string step, string payloadDir, string trigger, Action<int, string> hostSide, double timeoutMinutes) =>
        Run(step, payloadDir, timeoutMinutes, trigger, TimeSpan.Zero, hostSide);

    private GuestBoot Run(string step, string payloadDir, double timeoutMinutes, string? trigger, TimeSpan delay, Action<int, string>? hostSide)
    {
        int n = Interlocked.Increment(ref _boots);
        var dir = Path.Combine(_workDir, $"boot{n}-{step}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(payloadDir, "run.sh"), $"#!/bin/sh\nexec sh ./{step}.sh \"$@\"\n");
        var payload = Path.Combine(dir, "payload.tar");
        Shell.Check("tar", ["-cf", payload, "-C", payloadDir, "."]);
        var results = Path.Combine(dir, "results.img");
        using (var f = File.Create(results))
        {
            f.SetLength(256L << 20);
        }

        var serial = Path.Combine(dir, "serial.log");
        var append = $"root=/dev/vda rw console={(_arm64 ? "ttyAMA0" : "ttyS0")} panic=-1 vmtest quiet loglevel=4";
        string rootDrive = _raw
            ? $"file={_disk},format=raw,if=none,id=root,cache=none,aio=threads"
            : $"file={_disk},format=qcow2,if=none,id=root,cache=unsafe";
        string[] qemu =
        [
            .. (_arm64 ? (string[])["-M", "virt", "-cpu", "cortex-a72"] : ["-M", "pc", "-cpu", "max"]), "-m", "1024", "-smp", "2",
            "-nodefaults", "-no-user-config", "-display", "none", "-monitor", "none", "-no-reboot",
            "-serial", $"file:{serial}",
            "-kernel", Path.Combine(_image, _arm64 ? "vmlinuz" : "vmlinux"), "-initrd", Path.Combine(_image, "initrd.img"), "-append", append,
            "-drive", rootDrive, "-device", "virtio-blk-pci,drive=root,serial=root",
            "-drive", $"file={payload},format=raw,if=none,id=payload,readonly=on", "-device", "virtio-blk-pci,drive=payload,serial=payload",
            "-drive", $"file={results},format=raw,if=none,id=results", "-device", "virtio-blk-pci,drive=results,serial=results",
        ];
        int sshPort = 0;
        if (hostSide is not null)
        {
            sshPort = FreePort();
            qemu = [.. qemu, "-netdev", $"user,id=net0,hostfwd=tcp:127.0.0.1:{sshPort}-:22", "-device", "virtio-net-pci,netdev=net0"];
        }

        var started = Stopwatch.StartNew();
        int exit;
        if (hostSide is not null)
        {
            exit = RunAndAct(qemu, serial, trigger!, () => hostSide(sshPort, dir), TimeSpan.FromMinutes(timeoutMinutes));
        }
        else if (trigger is null)
        {
            try
            {
                exit = Shell.Run(_qemu, qemu, timeoutMinutes: timeoutMinutes).ExitCode;
            }
            catch (TimeoutException)
            {
                exit = -1;
            }
        }
        else
        {
            exit = RunAndCut(qemu, serial, trigger, delay, TimeSpan.FromMinutes(timeoutMinutes));
        }

        double seconds = started.Elapsed.TotalSeconds;
        var unpacked = Path.Combine(dir, "results");
        Directory.CreateDirectory(unpacked);
        Shell.Run("tar", ["-xf", results, "-C", unpacked]);
        File.Delete(results);
        File.AppendAllText(Path.Combine(dir, "boot.txt"), string.Create(CultureInfo.InvariantCulture, $"qemu exit {exit} after {seconds:F1} s\n"));
        return new GuestBoot(step, unpacked, serial, exit, seconds);
    }

    private int RunAndCut(string[] qemu, string serial, string trigger, TimeSpan delay, TimeSpan timeout)
    {
        using var process = StartQemu(qemu);
        var deadline = Stopwatch.StartNew();
        if (WaitForConsole(process, serial, trigger, deadline, timeout))
        {
            process.WaitForExit(delay);
        }

        if (process.HasExited)
        {
            return process.ExitCode;
        }

        // Power cut: SIGKILL, no chance for qemu to write anything more to the disk.
        process.Kill();
        process.WaitForExit();
        return -9;
    }

    private int RunAndAct(string[] qemu, string serial, string trigger, Action act, TimeSpan timeout)
    {
        using var process = StartQemu(qemu);
        var deadline = Stopwatch.StartNew();
        try
        {
            if (WaitForConsole(process, serial, trigger, deadline, timeout))
            {
                act();
            }

            var left = timeout - deadline.Elapsed;
            if (left > TimeSpan.Zero && process.WaitForExit(left))
            {
                return process.ExitCode;
            }

            return -1;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
        }
    }

    private Process StartQemu(string[] qemu)
    {
        var info = new ProcessStartInfo(_qemu) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in qemu)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {_qemu}");
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Waits until the console shows <paramref name="trigger"/>; true when it did while qemu still runs, in time.</summary>
    private static bool WaitForConsole(Process process, string serial, string trigger, Stopwatch deadline, TimeSpan timeout)
    {
        while (!process.HasExited && deadline.Elapsed < timeout && !ConsoleShows(serial, trigger))
        {
            process.WaitForExit(100);
        }

        return !process.HasExited && deadline.Elapsed < timeout;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool ConsoleShows(string serial, string trigger)
    {
        try
        {
            using var stream = new FileStream(serial, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.TrimEnd('\r').EndsWith(trigger, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (FileNotFoundException)
        {
        }

        return false;
    }
}
