using System.Buffers;
using System.Text.Json;
using GruPedalPi.Firmware.Presets;

namespace GruPedalPi.Firmware.Control;

/// <summary>The expression pedal's calibration saved by <c>gru-pedal expression calibrate</c>: <c>expression.json</c> in
/// the data folder, <c>{"schema": 1, "heelRaw": 31, "toeRaw": 1002}</c> (readings on the 0..1023 scale).</summary>
public static class ExpressionCalibrationFile
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "expression.json";

    /// <summary>The saved calibration, or null when there is none. Throws <see cref="InvalidDataException"/> naming the file when it is bad.</summary>
    public static ExpressionCalibration? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var c = new ExpressionCalibration(doc.RootElement.GetProperty("heelRaw").GetDouble(), doc.RootElement.GetProperty("toeRaw").GetDouble());
            return c.IsValid ? c : throw new InvalidDataException($"{path}: heelRaw and toeRaw must be 0..1023 and at least 16 apart");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Saves a calibration atomically.</summary>
    public static void Write(string dataDirectory, ExpressionCalibration calibration)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema"u8, 1);
            w.WriteNumber("heelRaw"u8, Math.Round(calibration.HeelRaw, 1));
            w.WriteNumber("toeRaw"u8, Math.Round(calibration.ToeRaw, 1));
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        Directory.CreateDirectory(dataDirectory);
        AtomicFile.Write(Path.Combine(dataDirectory, FileName), buffer.WrittenSpan);
    }
}
