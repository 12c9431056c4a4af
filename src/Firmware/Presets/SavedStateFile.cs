using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// The saved state file (<c>state.json</c> in the data folder), written by the service (coalesced, atomic):
/// <code>{ "schema": 1, "preset": "Odd Fuzz", "bypassed": false, "parameters": { "wf": 0, ... } }</code>
/// </summary>
public static class SavedStateFile
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "state.json";

    /// <summary>Parses a saved state or throws <see cref="PresetFormatException"/>.</summary>
    public static SavedState Parse(ReadOnlySpan<byte> utf8, string source)
    {
        if (utf8.Length > PresetFormat.MaxFileBytes)
        {
            throw new PresetFormatException(new PresetError(source, 0, 0,
                $"the file is {utf8.Length} bytes; the saved state may be at most {PresetFormat.MaxFileBytes} bytes"));
        }

        var p = new JsonFileParser(utf8, source);
        try
        {
            p.ReadStartObject();
            string? preset = null;
            bool? bypassed = null;
            PedalSettings? settings = null;
            var sawSchema = false;
            var sawPreset = false;
            while (p.NextProperty() is { } field)
            {
                switch (field)
                {
                    case "schema" when !sawSchema:
                        p.ReadSchema(PresetFormat.SchemaVersion, "saved state");
                        sawSchema = true;
                        break;
                    case "preset" when !sawPreset:
                        preset = p.ReadString("preset", allowNull: true, PresetNames.MaxLength);
                        sawPreset = true;
                        break;
                    case "bypassed" when bypassed is null:
                        bypassed = p.ReadBool("bypassed");
                        break;
                    case "parameters" when settings is null:
                        settings = p.ReadParameters("parameters");
                        break;
                    case "schema" or "preset" or "bypassed" or "parameters":
                        throw p.Fail($"{field} appears twice");
                    default:
                        throw p.Fail($"unknown field '{field}'; the saved state has schema, preset, bypassed and parameters");
                }
            }

            p.ReadEnd();
            if (!sawSchema)
            {
                throw p.FailFile("missing field schema");
            }

            if (settings is null)
            {
                throw p.FailFile("missing field parameters");
            }

            return new SavedState(preset, bypassed ?? false, settings.Value);
        }
        catch (JsonException ex)
        {
            throw p.Malformed(ex);
        }
    }

    /// <summary>Reads the saved state of a data folder: null when there is none; throws <see cref="PresetFormatException"/> when it is bad.</summary>
    public static SavedState? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        return Parse(BoundedFile.Read(path, FileName), FileName);
    }

    /// <summary>Writes a saved state atomically and durably into a data folder.</summary>
    public static void Write(string dataDirectory, SavedState state)
    {
        Directory.CreateDirectory(dataDirectory);
        AtomicFile.Write(Path.Combine(dataDirectory, FileName), ToBytes(state));
    }

    /// <summary>The saved state as an indented document.</summary>
    public static byte[] ToBytes(SavedState state)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema"u8, PresetFormat.SchemaVersion);
            if (state.Preset is null)
            {
                writer.WriteNull("preset"u8);
            }
            else
            {
                writer.WriteString("preset"u8, state.Preset);
            }

            writer.WriteBoolean("bypassed"u8, state.Bypassed);
            PresetFormat.WriteParameters(writer, "parameters"u8, state.Settings);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
