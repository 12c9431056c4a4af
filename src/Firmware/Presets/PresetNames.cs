using System.Text;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// Preset names are free text for the player ("Lead #2 / Big Room"); file names are derived from them so
/// that no name can reach outside the presets folder: only <c>a-z</c>, <c>0-9</c> and <c>-</c> survive.
/// </summary>
public static class PresetNames
{
    /// <summary>The longest name, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>The longest file stem derived from a name, in characters (before a collision suffix).</summary>
    public const int MaxStemLength = 48;

    /// <summary>Checks a preset name; on failure <paramref name="error"/> says why.</summary>
    /// <remarks>A name is 1..64 characters, has no control characters, no leading or trailing spaces, and
    /// does not look like a path (no <c>..</c> segment, no leading <c>/</c>, <c>\</c> or <c>~</c>).
    /// A slash inside a name ("Lead / Big Room") is fine: names never become paths directly.</remarks>
    public static bool IsValid(string? name, out string error)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            error = "a preset name may not be empty";
            return false;
        }

        if (name.Length > MaxLength)
        {
            error = $"a preset name may be at most {MaxLength} characters (this one has {name.Length})";
            return false;
        }

        if (name.Trim().Length != name.Length)
        {
            error = $"the preset name '{name}' starts or ends with a space";
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
            {
                error = "a preset name may not contain control characters (tabs, newlines, ...)";
                return false;
            }
        }

        if (LooksLikePath(name))
        {
            error = $"the preset name '{name}' looks like a path: names may not start with '/', '\\' or '~' or contain a '..' segment";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>The file stem for a name: lower-case ASCII letters and digits, every other run of characters
    /// one '-', at most <see cref="MaxStemLength"/> characters; "preset" when nothing is left.</summary>
    public static string ToFileStem(string name)
    {
        var sb = new StringBuilder(Math.Min(name.Length, MaxStemLength));
        var pendingDash = false;
        foreach (var ch in name)
        {
            var folded = Fold(char.ToLowerInvariant(ch));
            if (folded.Length == 0)
            {
                pendingDash = true;
                continue;
            }

            if (pendingDash && sb.Length > 0)
            {
                sb.Append('-');
            }

            pendingDash = false;
            sb.Append(folded);
            if (sb.Length >= MaxStemLength)
            {
                break;
            }
        }

        var stem = sb.Length > MaxStemLength ? sb.ToString(0, MaxStemLength).TrimEnd('-') : sb.ToString();
        return stem.Length == 0 ? "preset" : stem;
    }

    /// <summary>True when two names denote the same preset (names compare ignoring case).</summary>
    public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>ASCII letters and digits as they are, common accented Latin letters without their accent
    /// ("Motörhead" becomes "motorhead"), everything else nothing (a separator).</summary>
    private static string Fold(char c) => c switch
    {
        >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
        'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' or 'é' or 'ê' or 'ë' => "e",
        'ì' or 'í' or 'î' or 'ï' => "i",
        'ñ' => "n",
        'ò' or 'ó' or 'ô' or 'õ' or 'ö' or 'ø' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'ù' or 'ú' or 'û' or 'ü' => "u",
        'ý' or 'ÿ' => "y",
        _ => "",
    };

    private static bool LooksLikePath(string name)
    {
        if (name[0] is '/' or '\\' or '~')
        {
            return true;
        }

        foreach (var segment in name.Split('/', '\\'))
        {
            if (segment.Trim() == "..")
            {
                return true;
            }
        }

        return false;
    }
}
