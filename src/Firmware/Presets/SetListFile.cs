using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// The set list file (<c>setlist.json</c> in the data folder): the ordered preset names the footswitch's
/// hold steps through. <code>{ "schema": 1, "presets": [ "Plugin Default", "Lead #2 / Big Room" ] }</code>
/// A name may appear more than once (a song order).
/// </summary>
public static class SetListFile
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "setlist.json";

    /// <summary>The most entries a set list may hold.</summary>
    public const int MaxEntries = 256;

    /// <summary>Parses a set list or throws <see cref="PresetFormatException"/>.</summary>
    public static IReadOnlyList<string> Parse(ReadOnlySpan<byte> utf8, string source)
    {
        if (utf8.Length > PresetFormat.MaxFileBytes)
        {
            throw new PresetFormatException(new PresetError(source, 0, 0,
                $"the file is {utf8.Length} bytes; a set list may be at most {PresetFormat.MaxFileBytes} bytes (64 KiB)"));
        }

        var p = new JsonFileParser(utf8, source);
        try
        {
            p.ReadStartObject();
            List<string>? names = null;
            var sawSchema = false;
            while (p.NextProperty() is { } field)
            {
                switch (field)
                {
                    case "schema" when !sawSchema:
                        p.ReadSchema(PresetFormat.SchemaVersion, "set lists");
                        sawSchema = true;
                        break;
                    case "presets" when names is null:
                        names = ReadNames(ref p);
                        break;
                    case "schema" or "presets":
                        throw p.Fail($"{field} appears twice");
                    default:
                        throw p.Fail($"unknown field '{field}'; a set list has schema and presets");
                }
            }

            p.ReadEnd();
            if (!sawSchema)
            {
                throw p.FailFile($"missing field schema (write \"schema\": {PresetFormat.SchemaVersion})");
            }

            return names ?? throw p.FailFile("missing field presets");
        }
        catch (JsonException ex)
        {
            throw p.Malformed(ex);
        }
    }

    /// <summary>Writes a set list as an indented document.</summary>
    public static byte[] ToBytes(IReadOnlyList<string> names)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema"u8, PresetFormat.SchemaVersion);
            writer.WriteStartArray("presets"u8);
            foreach (var n in names)
            {
                writer.WriteStringValue(n);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static List<string> ReadNames(ref JsonFileParser p)
    {
        p.Read();
        if (p.TokenType != JsonTokenType.StartArray)
        {
            throw p.Fail("presets must be a list of preset names ([ \"A\", \"B\" ])");
        }

        var names = new List<string>();
        while (true)
        {
            p.Read();
            if (p.TokenType == JsonTokenType.EndArray)
            {
                return names;
            }

            if (p.TokenType != JsonTokenType.String)
            {
                throw p.Fail($"presets[{names.Count}] must be a preset name in double quotes");
            }

            var name = p.GetString()!;
            if (!PresetNames.IsValid(name, out var why))
            {
                throw p.Fail($"presets[{names.Count}]: {why}");
            }

            if (names.Count == MaxEntries)
            {
                throw p.Fail($"a set list may hold at most {MaxEntries} entries");
            }

            names.Add(name);
        }
    }
}
