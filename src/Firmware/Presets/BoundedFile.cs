using GruPedalPi.Firmware.Interop;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// Reads the pedal's own small JSON files (presets, the set list, the saved state) safely: a regular file only, of at
/// most <see cref="PresetFormat.MaxFileBytes"/>, refused (with a message naming what it is) before it is read whole.
/// </summary>
public static class BoundedFile
{
    /// <summary>Reads a regular file of at most <see cref="PresetFormat.MaxFileBytes"/> (a larger one is reported, not read
    /// whole; a symbolic link, FIFO, device or folder is refused without reading or waiting).</summary>
    /// <exception cref="PresetFormatException">The file is too large or not a regular file (the message names what it is).</exception>
    /// <exception cref="IOException">The file does not exist or cannot be opened.</exception>
    public static byte[] Read(string path, string source)
    {
        // Only a regular file is read: a symbolic link could point anywhere (/dev/zero, another user's file), a FIFO
        // would block the reader until someone writes to it, and a device never ends.
        using var handle = PosixFile.OpenRegularFile(path, out long size, out var refusal, out string kind);
        if (handle is null)
        {
            throw new PresetFormatException(new PresetError(source, 0, 0, refusal == PosixFile.Refusal.SymbolicLink
                ? "is a symbolic link; a preset must be a regular file (import the file it points to)"
                : $"is a {kind}, not a regular file; a preset must be a regular JSON file"));
        }

        if (size > PresetFormat.MaxFileBytes)
        {
            throw new PresetFormatException(new PresetError(source, 0, 0,
                $"the file is {size} bytes; it may be at most {PresetFormat.MaxFileBytes} bytes (64 KiB)"));
        }

        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        var buffer = new byte[PresetFormat.MaxFileBytes + 1];
        var total = 0;
        int n;
        while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += n;
        }

        if (total > PresetFormat.MaxFileBytes)
        {
            throw new PresetFormatException(new PresetError(source, 0, 0,
                $"the file is more than {PresetFormat.MaxFileBytes} bytes; it may be at most {PresetFormat.MaxFileBytes} bytes (64 KiB)"));
        }

        return buffer.AsSpan(0, total).ToArray();
    }
}
