using System.Text.Json;

namespace GruPedalPi.Firmware.Configuration;

/// <summary>Loads and validates the configuration file.</summary>
public static class ConfigLoader
{
    /// <summary>The file on the Pi.</summary>
    public const string DefaultPath = "/etc/gru-pedal/config.json";

    /// <summary>The name used in messages when no file is read.</summary>
    public const string BuiltInName = "built-in defaults";

    /// <summary>The effective configuration: <paramref name="path"/> when given (it must exist), else
    /// <see cref="DefaultPath"/> when it exists, else the built-in defaults. Validated.</summary>
    public static PedalConfig Load(string? path) =>
        path is not null ? LoadFile(path)
        : File.Exists(DefaultPath) ? LoadFile(DefaultPath)
        : Defaults();

    /// <summary>The built-in defaults, validated.</summary>
    public static PedalConfig Defaults()
    {
        var config = new PedalConfig();
        config.Validate(BuiltInName);
        return config;
    }

    /// <summary>Reads, parses and validates one file.</summary>
    public static PedalConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, null, $"cannot read the file: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses and validates JSON text; <paramref name="source"/> names it in messages.</summary>
    public static PedalConfig Parse(string json, string source)
    {
        PedalConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(json, ConfigJsonContext.Default.PedalConfig);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path.TrimStart('$', '.');
            var what = e.Message;
            var cut = what.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut < 0)
            {
                cut = what.IndexOf(" LineNumber:", StringComparison.Ordinal);
            }

            if (cut > 0)
            {
                what = what[..cut];
            }

            throw new ConfigException(source, field, $"invalid JSON at line {line}, column {column}: {what}");
        }

        if (config is null)
        {
            throw new ConfigException(source, null, "the file holds null, not a configuration object");
        }

        config.Validate(source);
        return config;
    }

    /// <summary>The configuration as JSON (the file format, every field shown).</summary>
    public static string ToJson(PedalConfig config) => JsonSerializer.Serialize(config, ConfigJsonContext.Default.PedalConfig);
}
