using System.Text.Json;

namespace GruPedalPi.Firmware.Presets;

/// <summary>Turns byte offsets and reader exceptions into 1-based line and column numbers (columns count characters).</summary>
internal static class JsonPositions
{
    /// <summary>The 1-based line and character column of a byte offset in UTF-8 text.</summary>
    public static (int Line, int Column) At(ReadOnlySpan<byte> utf8, long offset)
    {
        var end = (int)Math.Clamp(offset, 0, utf8.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < end; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, CountChars(utf8[lineStart..end]) + 1);
    }

    /// <summary>The position a <see cref="JsonException"/> reports, as 1-based line and character column.</summary>
    public static (int Line, int Column) Of(ReadOnlySpan<byte> utf8, JsonException ex)
    {
        var line0 = (int)(ex.LineNumber ?? 0);
        var bytesInLine = (int)(ex.BytePositionInLine ?? 0);
        var lineStart = 0;
        for (var seen = 0; seen < line0 && lineStart < utf8.Length; lineStart++)
        {
            if (utf8[lineStart] == (byte)'\n')
            {
                seen++;
            }
        }

        var end = Math.Min(utf8.Length, lineStart + bytesInLine);
        return (line0 + 1, CountChars(utf8[lineStart..end]) + 1);
    }

    /// <summary>The reader's message without its trailing "LineNumber: .. | BytePositionInLine: .." part.</summary>
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return message.TrimEnd(' ', '.');
    }

    private static int CountChars(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
