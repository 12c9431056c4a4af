using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Presets;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// Reads a control request line into a <see cref="ControlRequest"/> with <see cref="Utf8JsonReader"/>, straight from
/// the line's bytes: the frequent requests (ping, get, set, bypass, status) allocate nothing, and no error path
/// allocates (its messages are constants). Only names, notes and lists become strings (the library keeps them).
/// </summary>
internal static class ControlRequestParser
{
    private static readonly JsonReaderOptions RequestOptions = new() { MaxDepth = 8 };

    /// <summary>Reads the request's fields; on failure <paramref name="error"/> is a constant message, or null for an
    /// unknown field (named by <c>req.TextStart</c>/<c>TextLength</c>): no error path allocates.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, ref ControlRequest req, out string? error)
    {
        error = "";
        if (json.Length == 0 || json[0] != (byte)'{' || json[^1] != (byte)'}')
        {
            error = "a request is one JSON object on one line";
            return false;
        }

        var r = new Utf8JsonReader(json, RequestOptions);
        r.Read();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("v"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out req.Version))
                {
                    error = "v must be a whole number";
                    return false;
                }
            }
            else if (r.ValueTextEquals("id"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out req.Id))
                {
                    error = "id must be a whole number";
                    return false;
                }

                req.HasId = true;
            }
            else if (r.ValueTextEquals("cmd"u8))
            {
                r.Read();
                req.CommandGiven = true;
                req.Command = r.TokenType == JsonTokenType.String ? ControlCommandNames.Match(ref r) : ControlCommand.None;
            }
            else if (r.ValueTextEquals("param"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.String)
                {
                    error = "param must be a parameter name in double quotes";
                    return false;
                }

                req.ParamGiven = true;
                req.ParamKnown = !r.ValueIsEscaped && ParameterNamesUtf8.TryFind(r.ValueSpan, out req.Param);
                if (!req.ParamKnown)
                {
                    req.TextStart = (int)r.TokenStartIndex + 1; // inside the quotes
                    req.TextLength = r.ValueSpan.Length;
                }
            }
            else if (r.ValueTextEquals("value"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.Number || !r.TryGetDouble(out req.Value))
                {
                    error = "value must be a number";
                    return false;
                }

                req.HasValue = true;
            }
            else if (r.ValueTextEquals("state"u8))
            {
                r.Read();
                req.State = r.TokenType != JsonTokenType.String ? SwitchRequest.None
                    : r.ValueTextEquals("on"u8) ? SwitchRequest.On
                    : r.ValueTextEquals("off"u8) ? SwitchRequest.Off
                    : r.ValueTextEquals("toggle"u8) ? SwitchRequest.Toggle
                    : SwitchRequest.None;
                if (req.State == SwitchRequest.None)
                {
                    error = "state must be on, off or toggle";
                    return false;
                }
            }
            else if (r.ValueTextEquals("name"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.String)
                {
                    error = "name must be a string";
                    return false;
                }

                // Into the connection's scratch buffer, not a new string: a preset load by name allocates nothing.
                req.NameGiven = true;
                if (req.NameScratch is { } scratch && r.ValueSpan.Length <= scratch.Length)
                {
                    req.NameLength = r.CopyString(scratch);
                }
                else
                {
                    req.NameString = r.GetString();
                }
            }
            else if (r.ValueTextEquals("to"u8))
            {
                if (!ReadString(ref r, out req.To, "to must be a string", out error))
                {
                    return false;
                }
            }
            else if (r.ValueTextEquals("from"u8))
            {
                if (!ReadString(ref r, out req.From, "from must be a string", out error))
                {
                    return false;
                }
            }
            else if (r.ValueTextEquals("notes"u8))
            {
                if (!ReadString(ref r, out req.Notes, "notes must be a string", out error))
                {
                    return false;
                }
            }
            else if (r.ValueTextEquals("names"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray)
                {
                    error = "names must be a list of preset names";
                    return false;
                }

                req.Names = [];
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (r.TokenType != JsonTokenType.String || req.Names.Count >= SetListFile.MaxEntries)
                    {
                        error = "names must be a list of at most 256 preset names";
                        return false;
                    }

                    req.Names.Add(r.GetString()!);
                }
            }
            else if (r.ValueTextEquals("position"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out req.Position))
                {
                    error = "position must be a whole number";
                    return false;
                }

                req.HasPosition = true;
            }
            else if (r.ValueTextEquals("preset"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    error = "preset must be a preset object";
                    return false;
                }

                req.PresetStart = (int)r.TokenStartIndex;
                r.Skip();
                req.PresetLength = (int)r.BytesConsumed - req.PresetStart;
            }
            else if (r.ValueTextEquals("cc"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out req.Cc))
                {
                    error = "cc must be a whole number 0..127";
                    return false;
                }

                req.HasCc = true;
            }
            else if (r.ValueTextEquals("since"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.Number || !r.TryGetInt64(out req.Since))
                {
                    error = "since must be a whole number";
                    return false;
                }
            }
            else if (r.ValueTextEquals("heel"u8) || r.ValueTextEquals("toe"u8))
            {
                var heel = r.ValueTextEquals("heel"u8);
                r.Read();
                if (r.TokenType != JsonTokenType.Number || !r.TryGetDouble(out var reading))
                {
                    error = "heel and toe must be numbers (readings 0..1023)";
                    return false;
                }

                if (heel)
                {
                    req.Heel = reading;
                    req.HasHeel = true;
                }
                else
                {
                    req.Toe = reading;
                    req.HasToe = true;
                }
            }
            else if (r.ValueTextEquals("replace"u8))
            {
                r.Read();
                req.Replace = r.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => null,
                };
                if (req.Replace is null)
                {
                    error = "replace must be true or false";
                    return false;
                }
            }
            else
            {
                error = null;
                req.TextStart = (int)r.TokenStartIndex + 1; // inside the quotes
                req.TextLength = r.ValueSpan.Length;
                return false;
            }
        }

        if (r.TokenType != JsonTokenType.EndObject || r.CurrentDepth != 0)
        {
            error = "a request is one JSON object on one line";
            return false;
        }

        if (r.Read())
        {
            error = "unexpected content after the request object";
            return false;
        }

        return true;
    }

    private static bool ReadString(ref Utf8JsonReader r, out string? value, string wrongType, out string? error)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String)
        {
            value = null;
            error = wrongType;
            return false;
        }

        value = r.GetString();
        error = "";
        return true;
    }
}
