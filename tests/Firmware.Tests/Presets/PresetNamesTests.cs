using GruPedalPi.Firmware.Presets;

namespace GruPedalPi.Firmware.Tests.Presets;

public sealed class PresetNamesTests
{
    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("../../presets")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../b")]
    [InlineData("~root")]
    [InlineData("\\..\\windows")]
    [InlineData("x\\..")]
    public void Path_traversal_names_are_refused(string name)
    {
        Assert.False(PresetNames.IsValid(name, out var error));
        Assert.Contains("looks like a path", error);
    }

    [Theory]
    [InlineData("", "a preset name may not be empty")]
    [InlineData("   ", "a preset name may not be empty")]
    [InlineData(" Lead", "the preset name ' Lead' starts or ends with a space")]
    [InlineData("Lead\nTwo", "a preset name may not contain control characters (tabs, newlines, ...)")]
    [InlineData("Lead\0", "a preset name may not contain control characters (tabs, newlines, ...)")]
    public void Empty_padded_and_control_character_names_are_refused(string name, string message)
    {
        Assert.False(PresetNames.IsValid(name, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_name_over_64_characters_is_refused()
    {
        Assert.False(PresetNames.IsValid(new string('a', 65), out var error));
        Assert.Equal("a preset name may be at most 64 characters (this one has 65)", error);
        Assert.True(PresetNames.IsValid(new string('a', 64), out _));
    }

    [Theory]
    [InlineData("Lead #2 / Big Room", "lead-2-big-room")]
    [InlineData("Café Crème", "cafe-creme")]
    [InlineData("Motörhead Æther", "motorhead-aether")]
    [InlineData("...", "preset")]
    [InlineData("日本", "preset")]
    [InlineData("AC/DC", "ac-dc")]
    [InlineData("  --x--  ", "x")]
    public void File_stems_keep_only_lower_case_letters_digits_and_dashes(string name, string stem)
    {
        Assert.Equal(stem, PresetNames.ToFileStem(name));
    }

    [Fact]
    public void No_name_maps_outside_the_presets_folder()
    {
        var random = new Random(1234);
        var folder = Path.GetFullPath("/data/presets");
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(1, 80)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = random.Next(4) == 0 ? "./\\~-_ \0\n"[random.Next(9)] : (char)random.Next(32, 0x3000);
            }

            var stem = PresetNames.ToFileStem(new string(chars));
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", stem);
            Assert.True(stem.Length <= PresetNames.MaxStemLength);
            Assert.Equal(folder, Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, stem + ".json"))));
        }
    }

    [Fact]
    public void Names_compare_ignoring_case()
    {
        Assert.True(PresetNames.Same("Odd Fuzz", "odd FUZZ"));
        Assert.False(PresetNames.Same("Odd Fuzz", "Odd Fuzz 2"));
    }
}
