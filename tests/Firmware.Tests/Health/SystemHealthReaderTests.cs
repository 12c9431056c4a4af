using GruPedalPi.Firmware.Health;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Health;

/// <summary>
/// The health reader on a folder of stand-in kernel files, written as a Raspberry Pi's kernel writes them: the
/// thermal zone in millidegrees, the firmware's throttling bits in hexadecimal, /proc/uptime's two numbers.
/// </summary>
public sealed class SystemHealthReaderTests
{
    private static void Write(TempDir root, string relative, string text)
    {
        var path = root.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // In place (same inode), as the kernel's files change under an open handle.
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        stream.SetLength(0);
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        stream.Write(bytes);
    }

    [Fact]
    public void A_pi_that_was_under_voltage_and_throttled_reads_as_such()
    {
        using var root = new TempDir();
        Write(root, SystemHealthReader.TemperatureFile, "48312\n");
        Write(root, SystemHealthReader.ThrottledFile, "50005\n");
        Write(root, SystemHealthReader.UptimeFile, "12345.67 23456.78\n");
        using var reader = new SystemHealthReader(root.Path);

        var h = reader.Read();
        Assert.Equal(48.312, h.CpuTemperatureC, 9); // millidegrees / 1000, exactly representable to 1e-9
        Assert.Equal(0x50005, h.ThrottledFlags);
        Assert.True(h.UnderVoltageNow);
        Assert.True(h.ThrottledNow);
        Assert.False(h.FrequencyCappedNow);
        Assert.True(h.UnderVoltageOccurred);
        Assert.True(h.ThrottlingOccurred);
        Assert.False(h.SoftTemperatureLimitOccurred);
        Assert.Equal(12345.67, h.UptimeS, 9);
    }

    [Fact]
    public void Values_are_read_again_on_every_call_through_the_same_open_files()
    {
        using var root = new TempDir();
        Write(root, SystemHealthReader.TemperatureFile, "40000\n");
        Write(root, SystemHealthReader.ThrottledFile, "0x0\n");
        using var reader = new SystemHealthReader(root.Path);
        Assert.Equal(40.0, reader.Read().CpuTemperatureC, 9);
        Assert.Equal(0, reader.Read().ThrottledFlags);

        Write(root, SystemHealthReader.TemperatureFile, "-5500\n"); // a cold stage, and a shorter text than before
        Write(root, SystemHealthReader.ThrottledFile, "80000\n");
        var h = reader.Read();
        Assert.Equal(-5.5, h.CpuTemperatureC, 9);
        Assert.True(h.SoftTemperatureLimitOccurred);
        Assert.False(h.ThrottledNow);
    }

    [Fact]
    public void A_machine_without_the_files_reads_as_unknown_not_as_an_error()
    {
        using var root = new TempDir();
        Write(root, SystemHealthReader.ThrottledFile, "not hex\n");
        using var reader = new SystemHealthReader(root.Path);
        var h = reader.Read();
        Assert.False(h.HasTemperature);
        Assert.False(h.HasThrottledFlags);
        Assert.False(h.UnderVoltageNow);
        Assert.True(double.IsNaN(h.UptimeS));
    }

    [Fact]
    public void Reading_allocates_nothing()
    {
        using var root = new TempDir();
        Write(root, SystemHealthReader.TemperatureFile, "51234\n");
        Write(root, SystemHealthReader.ThrottledFile, "0\n");
        Write(root, SystemHealthReader.UptimeFile, "99.5 180.0\n");
        using var reader = new SystemHealthReader(root.Path);
        for (int i = 0; i < 200; i++)
        {
            reader.Read(); // past the JIT's first tier
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            sum += reader.Read().CpuTemperatureC;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(51.234 * 1000, sum, 6);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void This_machines_own_files_read_without_error()
    {
        // Whatever this machine offers (a container may have no thermal zone); /proc/uptime is always there on Linux.
        using var reader = new SystemHealthReader();
        var h = reader.Read();
        Assert.True(h.UptimeS > 0, $"uptime {h.UptimeS}");
    }
}
