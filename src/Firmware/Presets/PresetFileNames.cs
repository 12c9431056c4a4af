using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// The names of <see cref="PresetLibrary"/>'s user files: which file holds a preset, which file a new or renamed
/// preset gets (the stem of its name, <see cref="PresetNames.ToFileStem"/>, made unique), and the check and the
/// not_found error of preset names. Reads the cached files of a <see cref="PresetFolderState"/>; not thread-safe:
/// called under the library's lock.
/// </summary>
internal sealed class PresetFileNames
{
    private readonly PresetFolderState _state;
    private readonly ILogger _logger;

    /// <summary>Names the files of a folder's cached state.</summary>
    /// <param name="state">The cached files (and the presets folder) names are looked up in.</param>
    /// <param name="logger">Where a file name that had to be changed (taken) is reported.</param>
    public PresetFileNames(PresetFolderState state, ILogger logger)
    {
        _state = state;
        _logger = logger;
    }

    /// <summary>Throws invalid_name (<see cref="PresetLibraryException"/>) unless the name is a valid preset name.</summary>
    public static void CheckName(string name)
    {
        if (!PresetNames.IsValid(name, out var why))
        {
            throw new PresetLibraryException(ErrorCodes.InvalidName, why);
        }
    }

    /// <summary>The not_found error of a name that names no preset.</summary>
    public static PresetLibraryException NotFound(string name) =>
        new("not_found", $"there is no preset named '{name}' (see `gru-pedal preset list`)");

    /// <summary>Whether a file name is one of a stem's: stem.json, or stem-N.json for a number N.</summary>
    public static bool IsStemOf(string fileName, string stem)
    {
        var bare = Path.GetFileNameWithoutExtension(fileName);
        if (bare == stem)
        {
            return true;
        }

        return bare.StartsWith(stem + "-", StringComparison.Ordinal) && int.TryParse(bare.AsSpan(stem.Length + 1), out _);
    }

    /// <summary>The user file that holds a preset of the name (ignoring case), the first by file name when two do;
    /// null for none (a bad file that never held a good version holds no name).</summary>
    public string? FindUserFile(string name)
    {
        foreach (var (fileName, file) in _state.Files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (file.Good is { } p && PresetNames.Same(p.Name, name))
            {
                return fileName;
            }
        }

        return null;
    }

    /// <summary>The first of stem.json, stem-2.json, ... that is free (or is <paramref name="allowed"/>).
    /// A file that exists is never taken over: two names mapping to one stem get different files.</summary>
    /// <exception cref="PresetLibraryException">io_error when no name is free.</exception>
    public string FreeFileName(string stem, string? allowed)
    {
        for (var i = 1; i < 10_000; i++)
        {
            var candidate = (i == 1 ? stem : $"{stem}-{i}") + PresetFormat.Extension;
            if (candidate == allowed)
            {
                return candidate;
            }

            var path = Path.Combine(_state.PresetsDirectory, candidate);
            if (!_state.Files.ContainsKey(candidate) && !File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
            {
                if (i > 1)
                {
                    _logger.LogInformation("File name {Stem}{Ext} is taken; using {File}", stem, PresetFormat.Extension, candidate);
                }

                return candidate;
            }
        }

        throw new PresetLibraryException(ErrorCodes.IoError, $"no free file name for '{stem}'");
    }
}
