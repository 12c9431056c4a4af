using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// The preset file format (one JSON object per file):
/// <code>
/// {
///   "schema": 1,
///   "name": "Lead #2 / Big Room",
///   "parameters": { "wf": 0.5, "wh": 2.5, "uf": 0.5, "uh": 0.5, "bf": 0,
///                   "input_gain_db": 3, "output_gain_db": -2, "mix": 1, "tone": 0.2 },
///   "notes": "optional free text"
/// }
/// </code>
/// Every parameter is required, by its canonical name; unknown fields are errors; comments and trailing
/// commas are accepted. Read with <see cref="Utf8JsonReader"/> and written with <see cref="Utf8JsonWriter"/>
/// (no reflection: NativeAOT-safe).
/// </summary>
public static class PresetFormat
{
    /// <summary>The schema version this program writes and the newest it reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The largest preset file accepted, in bytes (64 KiB).</summary>
    public const int MaxFileBytes = 64 * 1024;

    /// <summary>The longest notes, in characters.</summary>
    public const int MaxNotesLength = 16 * 1024;

    /// <summary>File extension of preset files.</summary>
    public const string Extension = ".json";

    private static readonly JsonWriterOptions IndentedOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep "é" readable in nano; quotes and controls are still escaped
    };

    /// <summary>Parses a preset; on failure <paramref name="error"/> names the source, line, column and field.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <param name="preset">The preset, when valid.</param>
    /// <param name="error">Why it is not, otherwise.</param>
    public static bool TryParse(ReadOnlySpan<byte> utf8, string source, out Preset preset, out PresetError error)
    {
        try
        {
            preset = Parse(utf8, source);
            error = null!;
            return true;
        }
        catch (PresetFormatException ex)
        {
            preset = null!;
            error = ex.Error;
            return false;
        }
    }

    /// <summary>Parses a preset or throws <see cref="PresetFormatException"/>.</summary>
    public static Preset Parse(ReadOnlySpan<byte> utf8, string source)
    {
        if (utf8.Length > MaxFileBytes)
        {
            throw new PresetFormatException(new PresetError(source, 0, 0,
                $"the file is {utf8.Length} bytes; a preset may be at most {MaxFileBytes} bytes (64 KiB)"));
        }

        // First the schema alone: a newer file may hold fields this version does not know.
        CheckSchema(utf8, source);

        var p = new JsonFileParser(utf8, source);
        try
        {
            p.ReadStartObject();
            string? name = null;
            string? notes = null;
            PedalSettings? settings = null;
            var sawSchema = false;
            var sawNotes = false;
            while (p.NextProperty() is { } field)
            {
                switch (field)
                {
                    case "schema" when !sawSchema:
                        p.ReadInt("schema");
                        sawSchema = true;
                        break;
                    case "name" when name is null:
                        name = p.ReadName("name");
                        break;
                    case "parameters" when settings is null:
                        settings = p.ReadParameters("parameters");
                        break;
                    case "notes" when !sawNotes:
                        notes = p.ReadString("notes", allowNull: true, MaxNotesLength);
                        sawNotes = true;
                        break;
                    case "schema" or "name" or "parameters" or "notes":
                        throw p.Fail($"{field} appears twice");
                    default:
                        throw p.Fail($"unknown field '{field}'; a preset has schema, name, parameters and notes");
                }
            }

            p.ReadEnd();
            if (!sawSchema)
            {
                throw p.FailFile($"missing field schema (write \"schema\": {SchemaVersion})");
            }

            if (name is null)
            {
                throw p.FailFile("missing field name");
            }

            if (settings is null)
            {
                throw p.FailFile("missing field parameters");
            }

            return new Preset(name, settings.Value, notes);
        }
        catch (JsonException ex)
        {
            throw p.Malformed(ex);
        }
    }

    /// <summary>Writes a preset as an indented, human-editable document.</summary>
    public static byte[] ToBytes(Preset preset)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, IndentedOptions))
        {
            Write(writer, preset);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a preset object (schema, name, parameters, notes) to a writer.</summary>
    public static void Write(Utf8JsonWriter writer, Preset preset)
    {
        writer.WriteStartObject();
        writer.WriteNumber("schema"u8, SchemaVersion);
        writer.WriteString("name"u8, preset.Name);
        WriteParameters(writer, "parameters"u8, preset.Settings);
        if (preset.Notes is not null)
        {
            writer.WriteString("notes"u8, preset.Notes);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes every parameter as a property of an object named <paramref name="property"/>.</summary>
    public static void WriteParameters(Utf8JsonWriter writer, ReadOnlySpan<byte> property, in PedalSettings settings)
    {
        writer.WriteStartObject(property);
        foreach (var p in Parameters.All)
        {
            writer.WriteNumber(ParameterNamesUtf8.Get(p.Id), settings[p.Id]);
        }

        writer.WriteEndObject();
    }

    private static void CheckSchema(ReadOnlySpan<byte> utf8, string source)
    {
        var p = new JsonFileParser(utf8, source);
        try
        {
            p.ReadStartObject();
            while (p.NextProperty() is { } field)
            {
                if (field == "schema")
                {
                    p.ReadSchema(SchemaVersion, "presets");
                    return;
                }

                p.SkipValue();
            }
        }
        catch (JsonException ex)
        {
            throw p.Malformed(ex);
        }
    }
}
