using GruPedalPi.Firmware.Interop;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// Atomic, durable file replacement: the content goes to a temporary file in the same folder, which is
/// fsynced, renamed over the target (rename(2) is atomic), and the folder is fsynced. A reader (or a power
/// cut) sees either the old file or the new one, never a mix.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of temporary files; files ending in it are never presets.</summary>
    public const string TempSuffix = ".tmp";

    private static long _counter;

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically and durably.</summary>
    /// <exception cref="IOException">The target is a symbolic link or not a regular file, or the write failed
    /// (the old file is then untouched).</exception>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        RefuseNonRegular(full);

        var temp = Path.Combine(directory,
            $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Interlocked.Increment(ref _counter)}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
                   {
                       Mode = FileMode.CreateNew,
                       Access = FileAccess.Write,
                       Share = FileShare.None,
                   }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true); // rename(2)
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        PosixFile.FsyncDirectory(directory);
    }

    /// <summary>Deletes a file and syncs its folder, so that the deletion survives a power cut.</summary>
    public static void Delete(string path)
    {
        var full = Path.GetFullPath(path);
        File.Delete(full);
        PosixFile.FsyncDirectory(Path.GetDirectoryName(full)!);
    }

    /// <summary>True for the temporary files <see cref="Write"/> leaves behind when it is killed mid-write.</summary>
    public static bool IsTemporary(ReadOnlySpan<char> fileName) =>
        fileName.StartsWith(".") && fileName.EndsWith(TempSuffix);

    private static void RefuseNonRegular(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            throw new IOException($"{path} is a symbolic link; refusing to replace it");
        }

        if (Directory.Exists(path))
        {
            throw new IOException($"{path} is a folder; refusing to replace it");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
