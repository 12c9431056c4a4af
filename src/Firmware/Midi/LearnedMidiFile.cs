using System.Buffers;
using System.Globalization;
using System.Text.Json;
using GruPedalPi.Firmware.Bindings;
using GruPedalPi.Firmware.Presets;

namespace GruPedalPi.Firmware.Midi;

/// <summary>
/// The Control Changes learned with <c>gru-pedal midi learn</c> (and cleared with <c>midi forget</c>), kept in
/// <c>midi.json</c> in the data folder (the configuration is read-only on the Pi): <c>{"schema": 1, "cc": {"11":
/// "drive", "7": "none"}}</c>. An entry overrides the configuration's for that CC; <c>"none"</c> unmaps it.
/// </summary>
public static class LearnedMidiFile
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "midi.json";

    /// <summary>Reads the learned entries (CC to target name); empty when there is no file. Throws
    /// <see cref="InvalidDataException"/> naming the file and the entry when it is malformed.</summary>
    public static SortedDictionary<int, string> Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var result = new SortedDictionary<int, string>();
        if (!File.Exists(path))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!doc.RootElement.TryGetProperty("cc", out var cc) || cc.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: missing field cc");
            }

            foreach (var p in cc.EnumerateObject())
            {
                if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 127 || p.Value.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidDataException($"{path}: cc.{p.Name}: expected \"0..127\": \"parameter or action\"");
                }

                result[n] = p.Value.GetString()!;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed JSON: {e.Message}", e);
        }

        return result;
    }

    /// <summary>Writes the learned entries atomically.</summary>
    public static void Write(string dataDirectory, IReadOnlyDictionary<int, string> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema"u8, 1);
            w.WriteStartObject("cc"u8);
            foreach (var (cc, name) in entries.OrderBy(e => e.Key))
            {
                w.WriteString(cc.ToString(CultureInfo.InvariantCulture), name);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        Directory.CreateDirectory(dataDirectory);
        AtomicFile.Write(Path.Combine(dataDirectory, FileName), buffer.WrittenSpan);
    }

    /// <summary>The configuration's map with the learned entries applied; a learned entry that no longer resolves
    /// (a parameter renamed) is skipped and reported through <paramref name="problem"/>.</summary>
    public static MidiMap Apply(MidiMap configured, IReadOnlyDictionary<int, string> learned, IReadOnlyList<KnobBinding> knobs, Action<string>? problem = null)
    {
        var map = configured;
        foreach (var (cc, name) in learned)
        {
            if (name == "none")
            {
                map = map.With(cc, default);
            }
            else if (MidiMap.TryParseCc(cc.ToString(CultureInfo.InvariantCulture), out _, out var why) && MidiMap.TryResolve(name, knobs, out var target, out why))
            {
                map = map.With(cc, target);
            }
            else
            {
                problem?.Invoke($"{FileName}: cc.{cc}: {why}");
            }
        }

        return map;
    }
}
