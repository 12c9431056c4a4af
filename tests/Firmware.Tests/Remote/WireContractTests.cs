using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>
/// The protocol's names are spelled in one place each (<see cref="ControlCommandNames"/>, <see cref="ErrorCodes"/>),
/// the clients build their requests from them and from one request record (<see cref="ControlRequestMessage"/>) whose
/// fields are exactly the ones the server reads, and the protocol's documentation says the same.
/// </summary>
public sealed partial class WireContractTests
{
    private static string Docs(string file) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", file));

    [Fact]
    public void Every_command_has_one_wire_name_and_a_request_built_from_it_reaches_its_handler()
    {
        var commands = Enum.GetValues<ControlCommand>().Where(c => c != ControlCommand.None).ToArray();
        Assert.Equal(commands.Order(), ControlCommandNames.All.Select(e => e.Command).Order());
        Assert.Equal(ControlCommandNames.All.Count, ControlCommandNames.All.Select(e => e.Name).Distinct().Count());

        using var harness = new ServerHarness();
        foreach (var command in commands)
        {
            var line = Encoding.UTF8.GetString(ControlRequestBuilder.Build(command, id: 5));
            using var response = JsonDocument.Parse(harness.Ask(line));
            var root = response.RootElement;
            Assert.Equal(5, root.GetProperty("id").GetInt32());
            // Without its fields a request may be refused (bad_request, not_running), but never as an unknown command.
            string? code = root.GetProperty("ok").GetBoolean() ? null : root.GetProperty("error").GetProperty("code").GetString();
            Assert.True(code != ErrorCodes.UnknownCommand, $"{ControlCommandNames.Name(command)}: {line} was answered unknown_command");
            Assert.True(code is null || ErrorCodes.All.Contains(code), $"{ControlCommandNames.Name(command)}: code {code} is not in ErrorCodes");
        }
    }

    [Fact]
    public void An_unknown_command_is_answered_with_the_list_of_every_command()
    {
        using var harness = new ServerHarness();
        using var response = JsonDocument.Parse(harness.Ask("""{"v":1,"cmd":"presets.list"}"""));
        var error = response.RootElement.GetProperty("error");
        Assert.Equal(ErrorCodes.UnknownCommand, error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.All(ControlCommandNames.All, e => Assert.Contains(e.Name, message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_protocol_documentation_has_a_row_for_every_command()
    {
        var table = Docs("presets-and-protocol.md");
        var documented = TableCommand().Matches(table).SelectMany(m => Regex.Matches(m.Groups[1].Value, "`([a-z.]+)`").Select(c => c.Groups[1].Value)).ToHashSet();
        var missing = ControlCommandNames.All.Select(e => e.Name).Where(n => !documented.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"docs/presets-and-protocol.md has no table row for: {string.Join(", ", missing)}");
        var unknown = documented.Where(n => !ControlCommandNames.All.Any(e => e.Name == n)).ToList();
        Assert.True(unknown.Count == 0, $"docs/presets-and-protocol.md documents commands the service does not have: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_documented_error_codes_are_exactly_the_ones_the_code_defines()
    {
        var text = Docs("presets-and-protocol.md");
        int at = text.IndexOf("Error codes:", StringComparison.Ordinal);
        Assert.True(at >= 0, "docs/presets-and-protocol.md lists the error codes after 'Error codes:'");
        var paragraph = text[at..text.IndexOf("\n\n", at, StringComparison.Ordinal)];
        var documented = Regex.Matches(paragraph[..paragraph.IndexOf('.')], "`([a-z_]+)`").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ErrorCodes.All, documented);
    }

    [Fact]
    public void No_source_file_spells_an_error_code_or_builds_a_request_by_hand()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", "Firmware"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var offenders = new List<string>();
        foreach (var file in sources)
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                bool comment = lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal); // docs may show a request
                if (LiteralCode().IsMatch(lines[i]) || (!comment && HandBuiltRequest().IsMatch(lines[i])))
                {
                    offenders.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "use ErrorCodes and ControlRequestBuilder:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_server_reads_every_field_of_the_request_record_and_refuses_any_other()
    {
        // One request with every field of the record set to a valid value, as the clients write it.
        using var all = JsonDocument.Parse(ControlRequestBuilder.Build(ControlCommand.Ping, new ControlRequestMessage
        {
            Param = "wh", Value = 1, State = "on", Name = "a", To = "b", From = "c", Notes = "d", Names = ["e"], Position = 1,
            Preset = JsonDocument.Parse("{}").RootElement, Cc = 1, Since = 0, Heel = 1, Toe = 2, Replace = true,
        }, id: 7));
        var fields = WireJsonContext.Default.ControlRequestMessage.Properties.Select(p => p.Name).ToList();
        Assert.Equal(fields.Order(), all.RootElement.EnumerateObject().Select(p => p.Name).Order()); // every field was written

        using var harness = new ServerHarness();
        foreach (var field in fields.Where(f => f is not ("v" or "cmd")))
        {
            // A ping with that one field: the server's parser must know it (the ping ignores it).
            string line = $$"""{"v":1,"cmd":"ping","{{field}}":{{all.RootElement.GetProperty(field).GetRawText()}}}""";
            using var response = JsonDocument.Parse(harness.Ask(line));
            Assert.True(response.RootElement.GetProperty("ok").GetBoolean(), $"the server does not read the record's field {field}: {line} -> {response.RootElement}");
        }

        // The parser names no field that the record lacks (its source, as a reviewer reads it: the property names it
        // compares; on, off and toggle are the values of "state").
        var parser = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Firmware", "Remote", "ControlRequestParser.cs"));
        var parsed = Regex.Matches(parser, @"ValueTextEquals\(""([a-z_]+)""u8\)").Select(m => m.Groups[1].Value)
            .Where(n => n is not ("on" or "off" or "toggle")).ToHashSet();
        Assert.True(parsed.SetEquals(fields), $"the parser reads {string.Join(", ", parsed.Order())}; the record has {string.Join(", ", fields.Order())}");

        // And a field that is not in the record is refused, by name.
        using (var refused = JsonDocument.Parse(harness.Ask("""{"v":1,"cmd":"ping","volume":3}""")))
        {
            var error = refused.RootElement.GetProperty("error");
            Assert.Equal(ErrorCodes.BadRequest, error.GetProperty("code").GetString());
            Assert.Contains("unknown field 'volume'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    // A table row of the protocol: its first cell, which names one or more commands.
    [GeneratedRegex(@"^\| (`[a-z.]+`(?:, `[a-z.]+`)*) \|", RegexOptions.Multiline)]
    private static partial Regex TableCommand();

    // An error code passed as a literal where the code writes errors.
    [GeneratedRegex(@"(WriteError\([^,]+, ref req, |PresetLibraryException\()""")]
    private static partial Regex LiteralCode();

    // A request line written out by hand ({"v":1,"cmd":...).
    [GeneratedRegex(@"\{""v"":1,""(id"":\d+,"")?cmd""")]
    private static partial Regex HandBuiltRequest();
}
