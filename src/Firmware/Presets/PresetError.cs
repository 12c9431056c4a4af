namespace GruPedalPi.Firmware.Presets;

/// <summary>Why a preset (or set-list or state) file cannot be loaded, with where in the file.</summary>
/// <param name="Source">The file's name (or "request" for a preset sent over the socket).</param>
/// <param name="Line">1-based line of the offending token, or 0 when the error concerns the whole file.</param>
/// <param name="Column">1-based column (in characters) of the offending token, or 0.</param>
/// <param name="Message">What is wrong, naming the field (e.g. <c>parameters.wh: 7.5 is out of range 0..5</c>).</param>
public sealed record PresetError(string Source, int Line, int Column, string Message)
{
    /// <summary>The error as a compiler would print it: <c>lead.json:4:11: parameters.wh: ...</c>.</summary>
    public override string ToString() =>
        Line > 0 ? $"{Source}:{Line}:{Column}: {Message}" : $"{Source}: {Message}";
}
