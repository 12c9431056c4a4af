using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace GruPedalPi.Firmware.Health;

/// <summary>
/// Reads <see cref="SystemHealth"/> from the kernel's files: <c>/sys/class/thermal/thermal_zone0/temp</c>
/// (millidegrees), the Raspberry Pi firmware driver's <c>/sys/devices/platform/soc/soc:firmware/get_throttled</c>
/// (hexadecimal bits, as <c>vcgencmd get_throttled</c> prints them) and <c>/proc/uptime</c>. The files are opened once,
/// in the constructor, and read again from offset 0 each time (<c>pread</c>, into a stack buffer): <see cref="Read"/>
/// allocates nothing and takes no lock, so a live view may call it on every frame from any thread. A file that is
/// missing or stops reading is unknown from then on, never an error.
/// </summary>
public sealed class SystemHealthReader : IDisposable
{
    /// <summary>The thermal zone's file, relative to the root.</summary>
    public const string TemperatureFile = "sys/class/thermal/thermal_zone0/temp";

    /// <summary>The firmware driver's throttling file, relative to the root (a Raspberry Pi kernel only).</summary>
    public const string ThrottledFile = "sys/devices/platform/soc/soc:firmware/get_throttled";

    /// <summary>The uptime file, relative to the root.</summary>
    public const string UptimeFile = "proc/uptime";

    private readonly SafeFileHandle? _temperature;
    private readonly SafeFileHandle? _throttled;
    private readonly SafeFileHandle? _uptime;
    private bool _temperatureFailed; // read and written with Volatile
    private bool _throttledFailed; // read and written with Volatile
    private bool _uptimeFailed; // read and written with Volatile

    /// <summary>Opens the files that exist and can be read.</summary>
    /// <param name="root">The file system's root: <c>/</c> on the pedal, a folder of stand-in files in tests.</param>
    public SystemHealthReader(string root = "/")
    {
        _temperature = Open(Path.Combine(root, TemperatureFile));
        _throttled = Open(Path.Combine(root, ThrottledFile));
        _uptime = Open(Path.Combine(root, UptimeFile));
    }

    /// <summary>Reads the three values now.</summary>
    /// <returns>What is known; unknown values are NaN (or -1 for the flags).</returns>
    public SystemHealth Read()
    {
        Span<byte> text = stackalloc byte[64];
        double temperatureC = double.NaN;
        if (ReadText(_temperature, ref _temperatureFailed, text, out int n) && Utf8Parser.TryParse(text[..n].Trim(" \n"u8), out int milli, out _))
        {
            temperatureC = milli / 1000.0;
        }

        int flags = -1;
        if (ReadText(_throttled, ref _throttledFailed, text, out n))
        {
            var hex = text[..n].Trim(" \n"u8);
            if (hex.StartsWith("0x"u8))
            {
                hex = hex[2..];
            }

            if (Utf8Parser.TryParse(hex, out uint bits, out int used, 'x') && used == hex.Length)
            {
                flags = (int)(bits & 0x7FFFFFFF);
            }
        }

        double uptimeS = double.NaN;
        if (ReadText(_uptime, ref _uptimeFailed, text, out n) && Utf8Parser.TryParse(text[..n], out double up, out _))
        {
            uptimeS = up;
        }

        return new SystemHealth(temperatureC, flags, uptimeS);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _temperature?.Dispose();
        _throttled?.Dispose();
        _uptime?.Dispose();
    }

    private static SafeFileHandle? Open(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool ReadText(SafeFileHandle? handle, ref bool failed, Span<byte> text, out int length)
    {
        length = 0;
        if (handle is null || Volatile.Read(ref failed))
        {
            return false;
        }

        try
        {
            length = RandomAccess.Read(handle, text, 0);
            return length > 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // A file that fails once (a driver returning EIO) is left alone from then on: no exception per frame.
            Volatile.Write(ref failed, true);
            return false;
        }
    }
}
