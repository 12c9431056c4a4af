using System.Globalization;

namespace GruPedalPi.Firmware.Bindings;

/// <summary>A resolved footswitch action: what, and for <see cref="FootswitchAction.Preset"/> the preset's name or
/// for <see cref="FootswitchAction.SetList"/> the 1-based position.</summary>
/// <param name="Action">What it does.</param>
/// <param name="Preset">The preset's name (preset:NAME), else null.</param>
/// <param name="Position">The set-list position (setlist:N), else 0.</param>
public readonly record struct FootswitchGesture(FootswitchAction Action, string? Preset = null, int Position = 0)
{
    /// <summary>The accepted spellings, for messages.</summary>
    public const string Choices = "bypass, next-preset, previous-preset, preset:NAME, setlist:N or none";

    /// <summary>Parses <c>bypass</c>, <c>next-preset</c>, <c>previous-preset</c>, <c>tuner</c>, <c>preset:NAME</c>, <c>setlist:N</c>
    /// (N 1..256) or <c>none</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out FootswitchGesture gesture)
    {
        gesture = default;
        switch (text)
        {
            case "none": return true;
            case "bypass": gesture = new(FootswitchAction.Bypass); return true;
            case "next-preset": gesture = new(FootswitchAction.NextPreset); return true;
            case "previous-preset": gesture = new(FootswitchAction.PreviousPreset); return true;
            case "tuner": gesture = new(FootswitchAction.Tuner); return true;
        }

        if (text is null)
        {
            return false;
        }

        if (text.StartsWith("preset:", StringComparison.Ordinal) && text.Length > 7 && !string.IsNullOrWhiteSpace(text[7..]))
        {
            gesture = new(FootswitchAction.Preset, text[7..].Trim());
            return true;
        }

        if (text.StartsWith("setlist:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 256)
        {
            gesture = new(FootswitchAction.SetList, null, n);
            return true;
        }

        return false;
    }
}
