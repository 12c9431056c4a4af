namespace GruPedalPi.Firmware.Presets;

/// <summary>What a file of the data folder looked like when <see cref="PresetFolderState"/> last read or wrote it:
/// whether it existed, its size and its write time. A file whose stamp is unchanged is not read again.</summary>
/// <param name="Exists">Whether the file existed (false: the default stamp, size and time zero).</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="WriteTimeUtc">Its last write time.</param>
internal readonly record struct FileStamp(bool Exists, long Length, DateTime WriteTimeUtc)
{
    /// <summary>The stamp of a file now; the default stamp when it does not exist.</summary>
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(true, info.Length, info.LastWriteTimeUtc) : default;
    }
}
