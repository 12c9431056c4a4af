using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// The preset file format (one JSON object per file):
/// <code>
/// {
///   "schema": 1,
///   "name": "Lead #2 / Big Room",
///   "parameters": { "wf": 0.5, "wh": 2.5, "uf": 0.5, "uh": 0.5, "bf": 0,
///                   "input_gain_db": 3, "output_gain_db": -2, "mix": 1, "tone": 0.2 },
///   "notes": "optional free text",
///   "midi": { "program": 5, "bank": 0 },
///   "expression": { "parameter": "drive", "heel": 0.5, "toe": 4 }
/// }
/// </code>
/// <c>midi</c> (a Program Change that loads it) and <c>expression</c> (what the expression pedal drives) are optional.
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
            PresetMidi? midi = null;
            ExpressionMapping? expression = null;
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
                    case "midi" when midi is null:
                        midi = ReadMidi(ref p);
                        break;
                    case "expression" when expression is null:
                        expression = ReadExpression(ref p);
                        break;
                    case "schema" or "name" or "parameters" or "notes" or "midi" or "expression":
                        throw p.Fail($"{field} appears twice");
                    default:
                        throw p.Fail($"unknown field '{field}'; a preset has schema, name, parameters, notes, midi and expression");
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

            return new Preset(name, settings.Value, notes) { Midi = midi, Expression = expression };
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

        if (preset.Midi is { } midi)
        {
            writer.WriteStartObject("midi"u8);
            writer.WriteNumber("program"u8, midi.Program);
            if (midi.Bank != 0)
            {
                writer.WriteNumber("bank"u8, midi.Bank);
            }

            writer.WriteEndObject();
        }

        if (preset.Expression is { } e)
        {
            writer.WriteStartObject("expression"u8);
            writer.WriteString("parameter"u8, ParameterNamesUtf8.Get(e.Parameter));
            writer.WriteNumber("heel"u8, e.Heel);
            writer.WriteNumber("toe"u8, e.Toe);
            writer.WriteEndObject();
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

    private static PresetMidi ReadMidi(ref JsonFileParser p)
    {
        p.ReadObjectStart("midi", "{ \"program\": 0..127, \"bank\": 0..16383 }");
        int? program = null;
        var bank = 0;
        while (p.NextProperty() is { } field)
        {
            switch (field)
            {
                case "program":
                    program = p.ReadInt("midi.program");
                    if (program is < 0 or > 127)
                    {
                        throw p.Fail($"midi.program: {program} is out of range 0..127 (the number on the wire; a controller showing 1..128 sends one less)");
                    }

                    break;
                case "bank":
                    bank = p.ReadInt("midi.bank");
                    if (bank is < 0 or > 16383)
                    {
                        throw p.Fail($"midi.bank: {bank} is out of range 0..16383 (CC 0 * 128 + CC 32)");
                    }

                    break;
                default:
                    throw p.Fail($"unknown field 'midi.{field}'; midi has program and bank");
            }
        }

        return program is { } pr ? new PresetMidi(pr, bank) : throw p.Fail("missing field midi.program");
    }

    private static ExpressionMapping ReadExpression(ref JsonFileParser p)
    {
        p.ReadObjectStart("expression", "{ \"parameter\": \"drive\", \"heel\": 0.5, \"toe\": 4 }");
        string? parameter = null;
        double? heel = null;
        double? toe = null;
        while (p.NextProperty() is { } field)
        {
            switch (field)
            {
                case "parameter": parameter = p.ReadString("expression.parameter", allowNull: false, 64); break;
                case "heel": heel = p.ReadNumber("expression.heel"); break;
                case "toe": toe = p.ReadNumber("expression.toe"); break;
                default: throw p.Fail($"unknown field 'expression.{field}'; expression has parameter, heel and toe");
            }
        }

        if (parameter is null || heel is null || toe is null)
        {
            throw p.Fail("expression needs parameter, heel and toe");
        }

        return ExpressionMapping.TryCreate(parameter, heel.Value, toe.Value, "expression", out var error) ?? throw p.Fail(error!);
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
