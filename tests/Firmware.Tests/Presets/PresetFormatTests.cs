using System.Text;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Presets;

namespace GruPedalPi.Firmware.Tests.Presets;

public sealed class PresetFormatTests
{
    private const string Valid = """
        {
          "schema": 1,
          "name": "Lead #2 / Big Room",
          "parameters": {
            "wf": 0.5, "wh": 2.5, "uf": 0.5, "uh": 0.5, "bf": 0,
            "input_gain_db": 3, "output_gain_db": -2, "mix": 1, "tone": 0.2
          },
          "notes": "for the big room"
        }
        """;

    private static PresetError Error(string json, string source = "lead.json")
    {
        Assert.False(PresetFormat.TryParse(Encoding.UTF8.GetBytes(json), source, out _, out var error));
        return error;
    }

    [Fact]
    public void A_valid_preset_round_trips_through_its_file_format()
    {
        var preset = PresetFormat.Parse(Encoding.UTF8.GetBytes(Valid), "lead.json");
        Assert.Equal("Lead #2 / Big Room", preset.Name);
        Assert.Equal(2.5f, preset.Settings[ParameterId.Wh]);
        Assert.Equal(0.2f, preset.Settings[ParameterId.Tone]);
        Assert.Equal("for the big room", preset.Notes);

        var again = PresetFormat.Parse(PresetFormat.ToBytes(preset), "again.json");
        Assert.Equal(preset.Name, again.Name);
        Assert.Equal(preset.Notes, again.Notes);
        Assert.True(Preset.SameSettings(preset.Settings, again.Settings), "floats are written shortest-round-trip, so they read back exactly");
    }

    [Fact]
    public void Every_factory_preset_round_trips()
    {
        foreach (var f in FactoryPresets.All)
        {
            var back = PresetFormat.Parse(PresetFormat.ToBytes(new Preset(f.Name, f.Settings, f.Notes)), "f.json");
            Assert.True(Preset.SameSettings(f.Settings, back.Settings), f.Name);
        }
    }

    [Fact]
    public void Malformed_json_is_reported_with_line_and_column()
    {
        var error = Error("{\n  \"schema\": 1,\n  \"name\": \"x\"\n  \"parameters\": {}\n}");
        Assert.Equal("lead.json", error.Source);
        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
        Assert.StartsWith("malformed JSON:", error.Message);
        Assert.StartsWith("lead.json:4:3: malformed JSON:", error.ToString());
    }

    [Fact]
    public void A_truncated_file_is_malformed()
    {
        var error = Error(Valid[..60]);
        Assert.StartsWith("malformed JSON", error.Message);
        Assert.True(error.Line >= 3, $"the error is where the file stops, line {error.Line}");
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        Assert.Equal("the file is empty; it must hold one JSON object", Error("").Message);
    }

    [Fact]
    public void An_unknown_field_is_named_with_its_position()
    {
        var error = Error(Valid.Replace("\"notes\"", "\"colour\""));
        Assert.Equal("unknown field 'colour'; a preset has schema, name, parameters, notes, midi and expression", error.Message);
        Assert.Equal(8, error.Line);
        Assert.Equal(3, error.Column);
    }

    [Fact]
    public void An_unknown_parameter_is_named_with_a_hint()
    {
        var error = Error(Valid.Replace("\"wh\"", "\"drive\""));
        Assert.StartsWith("parameters: unknown parameter 'drive' (did you mean 'wh'?)", error.Message);
    }

    [Theory]
    [InlineData("tone", "missing field parameters.tone (every parameter must be given)")]
    [InlineData("wf", "missing field parameters.wf (every parameter must be given)")]
    public void A_missing_parameter_is_named(string parameter, string message)
    {
        var json = Valid.Replace($"\"{parameter}\": ", $"\"x_{parameter}\": ");
        var without = System.Text.RegularExpressions.Regex.Replace(json, $"\"x_{parameter}\": [-0-9.]+,?", "");
        Assert.Equal(message, Error(without).Message);
    }

    [Fact]
    public void A_missing_name_is_named()
    {
        var error = Error("""{ "schema": 1, "parameters": { "wf": 0.5, "wh": 1, "uf": 0.5, "uh": 0.5, "bf": 0, "input_gain_db": 0, "output_gain_db": 0, "mix": 1, "tone": 0 } }""");
        Assert.Equal("missing field name", error.Message);
        Assert.Equal("lead.json: missing field name", error.ToString());
    }

    [Fact]
    public void A_missing_schema_is_named()
    {
        Assert.Equal("missing field schema (write \"schema\": 1)", Error(Valid.Replace("\"schema\": 1,", "")).Message);
    }

    [Fact]
    public void A_value_out_of_range_is_named_with_its_preset_range()
    {
        var error = Error(Valid.Replace("\"wh\": 2.5", "\"wh\": 7.5"));
        Assert.Equal("parameters.wh: 7.5 is out of range 0..5", error.Message);
        Assert.Equal(5, error.Line);
        Assert.Equal(22, error.Column); // where 7.5 starts
    }

    [Fact]
    public void A_value_beyond_the_knob_but_inside_the_preset_range_is_accepted()
    {
        var preset = PresetFormat.Parse(Encoding.UTF8.GetBytes(Valid.Replace("\"uh\": 0.5", "\"uh\": 4")), "x.json");
        Assert.Equal(4f, preset.Settings[ParameterId.Uh]);
    }

    [Theory]
    [InlineData("1e999")]
    [InlineData("-1e39")]
    public void A_non_finite_value_is_refused(string value)
    {
        Assert.Equal("parameters.wh is not a finite number", Error(Valid.Replace("\"wh\": 2.5", $"\"wh\": {value}")).Message);
    }

    [Fact]
    public void NaN_is_not_json_and_is_reported_as_malformed()
    {
        Assert.StartsWith("malformed JSON", Error(Valid.Replace("\"wh\": 2.5", "\"wh\": NaN")).Message);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_refused()
    {
        Assert.Equal("parameters.wh must be a number", Error(Valid.Replace("\"wh\": 2.5", "\"wh\": \"2.5\"")).Message);
    }

    [Fact]
    public void A_newer_schema_version_is_refused_even_with_fields_this_version_does_not_know()
    {
        var error = Error(Valid.Replace("\"schema\": 1,", "\"colour\": \"red\", \"schema\": 2,"));
        Assert.Equal("schema 2 is newer than this gru-pedal understands (it reads presets up to schema 1); update gru-pedal", error.Message);
    }

    [Fact]
    public void A_file_over_64_KiB_is_refused()
    {
        var big = Valid.Replace("for the big room", new string('x', 70_000));
        var error = Error(big);
        Assert.Equal(0, error.Line);
        Assert.Matches(@"^the file is \d+ bytes; a preset may be at most 65536 bytes \(64 KiB\)$", error.Message);
    }

    [Fact]
    public void A_duplicate_field_is_refused()
    {
        Assert.Equal("name appears twice", Error(Valid.Replace("\"notes\"", "\"name\"")).Message);
        Assert.Equal("parameters.wh appears twice", Error(Valid.Replace("\"wf\": 0.5", "\"wh\": 0.5")).Message);
    }

    [Fact]
    public void A_name_that_looks_like_a_path_is_refused_in_a_file()
    {
        var error = Error(Valid.Replace("Lead #2 / Big Room", "../../etc/passwd"));
        Assert.StartsWith("name: the preset name '../../etc/passwd' looks like a path", error.Message);
    }

    [Fact]
    public void Content_after_the_object_is_refused()
    {
        Assert.StartsWith("malformed JSON", Error(Valid + "\n{}").Message);
    }

    [Fact]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_accepted()
    {
        var json = "\uFEFF// my lead sound\n" + Valid.Replace("\"tone\": 0.2", "\"tone\": 0.2, /* brighter */").Replace("\"for the big room\"", "\"for the big room\",");
        var preset = PresetFormat.Parse(Encoding.UTF8.GetBytes(json), "x.json");
        Assert.Equal(0.2f, preset.Settings[ParameterId.Tone]);
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        var error = Error("{ \"name\": \"Café\", \"x\": 1, \"schema\": 1 }");
        Assert.Equal(19, error.Column);
    }

    [Fact]
    public void Non_ascii_names_stay_readable_in_the_file()
    {
        var text = Encoding.UTF8.GetString(PresetFormat.ToBytes(new Preset("Café Crème \"Lead\"", PedalSettings.Defaults, null)));
        Assert.Contains("\"name\": \"Café Crème \\\"Lead\\\"\"", text);
        Assert.DoesNotContain("notes", text);
    }
}
