using System.Text.Json;
using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// Strict reading of the project's small JSON files (presets, set list, saved state) with
/// <see cref="Utf8JsonReader"/>: every error names the file, the line, the column and the field.
/// Comments and trailing commas are accepted (the files are edited by hand).
/// </summary>
internal ref struct JsonFileParser
{
    /// <summary>The reader options of every hand-editable file.</summary>
    public static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    private readonly ReadOnlySpan<byte> _utf8;
    private readonly string _source;
    private Utf8JsonReader _reader;

    public JsonFileParser(ReadOnlySpan<byte> utf8, string source)
    {
        // A UTF-8 byte order mark (some Windows editors write one) is not an error.
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        _utf8 = utf8;
        _source = source;
        _reader = new Utf8JsonReader(utf8, Options);
    }

    /// <summary>The current token's type.</summary>
    public readonly JsonTokenType TokenType => _reader.TokenType;

    /// <summary>The current string token's value.</summary>
    public readonly string? GetString() => _reader.GetString();

    /// <summary>Reads the next token; a malformed document throws <see cref="JsonException"/>.</summary>
    public void Read()
    {
        if (!_reader.Read())
        {
            throw Fail("the file ends too early");
        }
    }

    /// <summary>An error at the current token.</summary>
    public readonly PresetFormatException Fail(string message)
    {
        var (line, column) = JsonPositions.At(_utf8, _reader.TokenStartIndex);
        return new PresetFormatException(new PresetError(_source, line, column, message));
    }

    /// <summary>An error about the whole file.</summary>
    public readonly PresetFormatException FailFile(string message) =>
        new(new PresetError(_source, 0, 0, message));

    /// <summary>Turns a reader exception into an error with the position it reports.</summary>
    public readonly PresetFormatException Malformed(JsonException ex)
    {
        var (line, column) = JsonPositions.Of(_utf8, ex);
        return new PresetFormatException(new PresetError(_source, line, column, "malformed JSON: " + JsonPositions.Describe(ex)));
    }

    /// <summary>Reads the opening brace of the top-level object.</summary>
    public void ReadStartObject()
    {
        if (_utf8.Trim(" \t\r\n"u8).IsEmpty || !_reader.Read())
        {
            throw FailFile("the file is empty; it must hold one JSON object");
        }

        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail("the file must hold one JSON object ({ ... })");
        }
    }

    /// <summary>After the top-level object: nothing but whitespace and comments may follow.</summary>
    public void ReadEnd()
    {
        if (_reader.Read())
        {
            throw Fail("unexpected content after the closing brace");
        }
    }

    /// <summary>Reads the next property name of the current object, or returns null at its end.</summary>
    public string? NextProperty()
    {
        Read();
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        return _reader.GetString();
    }

    /// <summary>Reads a value that must be an integer.</summary>
    public int ReadInt(string field)
    {
        Read();
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt32(out var value))
        {
            throw Fail($"{field} must be a whole number");
        }

        return value;
    }

    /// <summary>Reads a value that must be a string (null allowed when <paramref name="allowNull"/>).</summary>
    public string? ReadString(string field, bool allowNull, int maxLength)
    {
        Read();
        if (allowNull && _reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (_reader.TokenType != JsonTokenType.String)
        {
            throw Fail($"{field} must be a string in double quotes");
        }

        var value = _reader.GetString()!;
        if (value.Length > maxLength)
        {
            throw Fail($"{field} may be at most {maxLength} characters (it has {value.Length})");
        }

        return value;
    }

    /// <summary>Reads a value that must be a finite number.</summary>
    public double ReadNumber(string field)
    {
        Read();
        if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw Fail($"{field} must be a finite number");
        }

        return value;
    }

    /// <summary>Reads the opening brace of a nested object.</summary>
    public void ReadObjectStart(string field, string shape)
    {
        Read();
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail($"{field} must be an object ({shape})");
        }
    }

    /// <summary>Reads a value that must be true or false.</summary>
    public bool ReadBool(string field)
    {
        Read();
        return _reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Fail($"{field} must be true or false"),
        };
    }

    /// <summary>Reads a value that must be a preset name.</summary>
    public string ReadName(string field)
    {
        var name = ReadString(field, allowNull: false, maxLength: int.MaxValue)!;
        if (!PresetNames.IsValid(name, out var why))
        {
            throw Fail($"{field}: {why}");
        }

        return name;
    }

    /// <summary>Reads a "schema" value and refuses versions this program cannot read.</summary>
    public int ReadSchema(int current, string what)
    {
        var version = ReadInt("schema");
        if (version > current)
        {
            throw Fail($"schema {version} is newer than this gru-pedal understands (it reads {what} up to schema {current}); update gru-pedal");
        }

        if (version < 1)
        {
            throw Fail($"schema must be 1 or more (it is {version})");
        }

        return version;
    }

    /// <summary>Reads an object holding every parameter by canonical name, each finite and in its preset range (those
    /// marked <see cref="ParameterInfo.OptionalInPresets"/> may be missing and then take their defaults).</summary>
    public PedalSettings ReadParameters(string field)
    {
        Read();
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail($"{field} must be an object of parameter values ({{ \"wh\": 1.0, ... }})");
        }

        var settings = PedalSettings.Defaults;
        Span<bool> seen = stackalloc bool[Parameters.Count];
        while (NextProperty() is { } name)
        {
            var info = FindCanonical(name);
            if (info is null)
            {
                var hint = Parameters.TryFind(name, out var near) ? $" (did you mean '{near.Name}'?)" : "";
                throw Fail($"{field}: unknown parameter '{name}'{hint}; the parameters are {CanonicalNames()}");
            }

            if (seen[(int)info.Id])
            {
                throw Fail($"{field}.{name} appears twice");
            }

            seen[(int)info.Id] = true;
            Read();
            if (_reader.TokenType != JsonTokenType.Number)
            {
                throw Fail($"{field}.{name} must be a number");
            }

            if (!_reader.TryGetDouble(out var d) || !double.IsFinite(d) || !float.IsFinite((float)d))
            {
                throw Fail($"{field}.{name} is not a finite number");
            }

            var value = (float)d;
            if (value < info.PresetMin || value > info.PresetMax)
            {
                throw Fail($"{field}.{name}: {d.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range {Range(info)}");
            }

            settings[info.Id] = value;
        }

        for (var i = 0; i < Parameters.Count; i++)
        {
            if (!seen[i] && !Parameters.All[i].OptionalInPresets)
            {
                throw Fail($"missing field {field}.{Parameters.All[i].Name} (every parameter must be given)");
            }
        }

        return settings;
    }

    /// <summary>Skips the value of the current property.</summary>
    public void SkipValue()
    {
        Read();
        _reader.Skip();
    }

    /// <summary>The parameter of exactly this canonical name, or null.</summary>
    public static ParameterInfo? FindCanonical(string name)
    {
        foreach (var p in Parameters.All)
        {
            if (p.Name == name)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>A parameter's preset range as text: <c>0..5</c>.</summary>
    public static string Range(ParameterInfo info) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{info.PresetMin}..{info.PresetMax}");

    private static string CanonicalNames() => string.Join(", ", Parameters.All.Select(p => p.Name));
}
