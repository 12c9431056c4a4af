using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Presets;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writing_replaces_the_content_and_leaves_no_temporary_file()
    {
        var path = _dir.File("a.json");
        AtomicFile.Write(path, "old"u8);
        AtomicFile.Write(path, "new"u8);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["a.json"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_folder_in_the_way_is_not_replaced()
    {
        Directory.CreateDirectory(_dir.File("a.json"));
        Assert.Throws<IOException>(() => AtomicFile.Write(_dir.File("a.json"), "x"u8));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Temporary_file_names_are_recognised()
    {
        Assert.True(AtomicFile.IsTemporary(".lead.json.123.4.tmp"));
        Assert.False(AtomicFile.IsTemporary("lead.json"));
    }
}
