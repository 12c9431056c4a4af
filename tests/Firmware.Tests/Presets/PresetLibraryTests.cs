using System.Text;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Presets;

public sealed class PresetLibraryTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Preset Make(string name, float wh = 2f, string? notes = null)
    {
        var s = PedalSettings.Defaults;
        s[ParameterId.Wh] = wh;
        return new Preset(name, s, notes);
    }

    private void WriteFile(string fileName, string content)
    {
        Directory.CreateDirectory(_dir.Presets);
        File.WriteAllText(Path.Combine(_dir.Presets, fileName), content);
    }

    [Fact]
    public void Factory_presets_are_listed_in_factory_order_in_an_empty_folder()
    {
        using var library = new PresetLibrary(_dir.Path);
        Assert.Equal(FactoryPresets.All.Select(p => p.Name), library.Presets.Select(p => p.Preset.Name));
        Assert.All(library.Presets, p => Assert.Equal(PresetOrigin.Factory, p.Origin));
        Assert.True(library.SetList.IsDefault);
        Assert.Equal(FactoryPresets.All.Select(p => p.Name), library.SetList.Names);
        Assert.Empty(library.Problems);
    }

    [Fact]
    public void A_saved_preset_is_a_file_named_after_it_that_records_its_true_name()
    {
        using var library = new PresetLibrary(_dir.Path);
        var (file, overrides) = library.Save(Make("Lead #2 / Big Room", notes: "room"));
        Assert.Equal("lead-2-big-room.json", file);
        Assert.False(overrides);
        var onDisk = PresetFormat.Parse(File.ReadAllBytes(Path.Combine(_dir.Presets, file)), file);
        Assert.Equal("Lead #2 / Big Room", onDisk.Name);
        Assert.Equal("room", onDisk.Notes);

        using var reopened = new PresetLibrary(_dir.Path);
        Assert.True(reopened.TryGet("lead #2 / big room", out var entry));
        Assert.Equal(PresetOrigin.User, entry.Origin);
        Assert.Equal(2f, entry.Preset.Settings[ParameterId.Wh]);
    }

    [Fact]
    public void A_user_preset_overrides_a_factory_one_and_deleting_it_restores_the_factory_one()
    {
        using var library = new PresetLibrary(_dir.Path);
        var (_, overrides) = library.Save(Make("Odd Fuzz", wh: 4.5f));
        Assert.True(overrides);
        Assert.True(library.TryGet("Odd Fuzz", out var mine));
        Assert.Equal(PresetOrigin.UserOverridesFactory, mine.Origin);
        Assert.Equal(4.5f, mine.Preset.Settings[ParameterId.Wh]);
        Assert.Single(library.Presets, p => p.Preset.Name == "Odd Fuzz");

        Assert.True(library.Delete("odd fuzz"));
        Assert.True(library.TryGet("Odd Fuzz", out var factory));
        Assert.Equal(PresetOrigin.Factory, factory.Origin);
        Assert.Equal(FactoryPresets.Find("Odd Fuzz")!.Settings[ParameterId.Wh], factory.Preset.Settings[ParameterId.Wh]);
        Assert.Empty(Directory.GetFiles(_dir.Presets));
    }

    [Fact]
    public void Factory_presets_cannot_be_deleted_or_renamed()
    {
        using var library = new PresetLibrary(_dir.Path);
        var delete = Assert.Throws<PresetLibraryException>(() => library.Delete("Tube Grit"));
        Assert.Equal("read_only", delete.Code);
        Assert.Equal("'Tube Grit' is a factory preset; factory presets cannot be deleted", delete.Message);
        var rename = Assert.Throws<PresetLibraryException>(() => library.Rename("Tube Grit", "Mine"));
        Assert.Equal("read_only", rename.Code);
        Assert.Equal("not_found", Assert.Throws<PresetLibraryException>(() => library.Delete("Nope")).Code);
    }

    [Fact]
    public void Two_names_that_map_to_the_same_file_get_different_files()
    {
        using var library = new PresetLibrary(_dir.Path);
        Assert.Equal("lead.json", library.Save(Make("LEAD!", wh: 1)).FileName);
        Assert.Equal("lead-2.json", library.Save(Make("Lead?", wh: 3)).FileName);
        Assert.True(library.TryGet("LEAD!", out var a));
        Assert.True(library.TryGet("Lead?", out var b));
        Assert.Equal(1f, a.Preset.Settings[ParameterId.Wh]);
        Assert.Equal(3f, b.Preset.Settings[ParameterId.Wh]);

        // Saving again updates the same file, whatever its name.
        Assert.Equal("lead-2.json", library.Save(Make("lead?", wh: 4)).FileName);
        Assert.Equal(2, Directory.GetFiles(_dir.Presets).Length);
    }

    [Fact]
    public void A_file_that_is_not_a_preset_is_never_overwritten()
    {
        WriteFile("lead.json", "my shopping list");
        using var library = new PresetLibrary(_dir.Path);
        Assert.Equal("lead-2.json", library.Save(Make("Lead")).FileName);
        Assert.Equal("my shopping list", File.ReadAllText(Path.Combine(_dir.Presets, "lead.json")));
    }

    [Fact]
    public void A_symbolic_link_is_neither_followed_nor_replaced()
    {
        var outside = _dir.File("outside.txt");
        File.WriteAllText(outside, "precious");
        Directory.CreateDirectory(_dir.Presets);
        File.CreateSymbolicLink(Path.Combine(_dir.Presets, "lead.json"), outside);
        using var library = new PresetLibrary(_dir.Path);
        Assert.Contains(library.Problems, p => p.FileName == "lead.json" && p.Error.Message == "is a symbolic link; copy the preset into the folder instead");
        Assert.Equal("lead-2.json", library.Save(Make("Lead")).FileName);
        Assert.Equal("precious", File.ReadAllText(outside));
        Assert.Throws<IOException>(() => AtomicFile.Write(Path.Combine(_dir.Presets, "lead.json"), "x"u8));
        Assert.Equal("precious", File.ReadAllText(outside));
    }

    [Fact]
    public void Path_traversal_names_are_refused_by_every_operation()
    {
        using var library = new PresetLibrary(_dir.Path);
        Assert.Equal("invalid_name", Assert.Throws<PresetLibraryException>(() => library.Save(Make("../../etc/passwd"))).Code);
        library.Save(Make("Safe"));
        Assert.Equal("invalid_name", Assert.Throws<PresetLibraryException>(() => library.Rename("Safe", "../outside")).Code);
        Assert.Single(Directory.GetFiles(_dir.Presets));
        Assert.Equal(["presets"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_bad_file_is_reported_and_not_loaded_while_everything_else_is()
    {
        WriteFile("good.json", Encoding.UTF8.GetString(PresetFormat.ToBytes(Make("Good"))));
        WriteFile("bad.json", "{ \"schema\": 1, \"name\": \"Bad\",\n  \"parameters\": { \"wh\": 9 } }");
        using var library = new PresetLibrary(_dir.Path);
        Assert.True(library.TryGet("Good", out _));
        Assert.False(library.TryGet("Bad", out _));
        var problem = Assert.Single(library.Problems);
        Assert.Equal("bad.json", problem.FileName);
        Assert.Equal("bad.json:2:25: parameters.wh: 9 is out of range 0..5", problem.Error.ToString());
        Assert.Null(problem.KeptPreset);
    }

    [Fact]
    public void A_file_that_turns_bad_keeps_its_last_good_version_and_recovers_when_fixed()
    {
        using var library = new PresetLibrary(_dir.Path);
        var (file, _) = library.Save(Make("Lead", wh: 3));
        var path = Path.Combine(_dir.Presets, file);
        File.WriteAllText(path, "{ \"schema\": 1, \"name\": \"Lead\", "); // half-saved by an editor
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(-5));
        library.Refresh();
        Assert.True(library.TryGet("Lead", out var kept));
        Assert.Equal(3f, kept.Preset.Settings[ParameterId.Wh]);
        Assert.NotNull(kept.Problem);
        var problem = Assert.Single(library.Problems);
        Assert.Equal("Lead", problem.KeptPreset);
        Assert.StartsWith("lead.json:1:", problem.Error.ToString());

        File.WriteAllBytes(path, PresetFormat.ToBytes(Make("Lead", wh: 4)));
        library.Refresh();
        Assert.True(library.TryGet("Lead", out var fixedEntry));
        Assert.Equal(4f, fixedEntry.Preset.Settings[ParameterId.Wh]);
        Assert.Empty(library.Problems);
    }

    [Fact]
    public void Two_files_holding_the_same_name_are_reported()
    {
        var bytes = Encoding.UTF8.GetString(PresetFormat.ToBytes(Make("Twin")));
        WriteFile("twin.json", bytes);
        WriteFile("twin-copy.json", bytes);
        using var library = new PresetLibrary(_dir.Path);
        Assert.True(library.TryGet("Twin", out var entry));
        Assert.Equal("twin-copy.json", entry.FileName);
        var problem = Assert.Single(library.Problems);
        Assert.Equal("twin.json: holds the preset name 'Twin', which twin-copy.json already holds; rename one of them", problem.Error.ToString());
    }

    [Fact]
    public void Import_without_replace_refuses_an_existing_user_preset()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.Save(Make("Lead"));
        var ex = Assert.Throws<PresetLibraryException>(() => library.Save(Make("lead", wh: 1), replace: false));
        Assert.Equal("exists", ex.Code);
        Assert.Equal("a user preset named 'Lead' already exists (lead.json); use --force to replace it", ex.Message);
    }

    [Fact]
    public void Rename_moves_the_file_and_the_set_list_follows()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.Save(Make("Old Name"));
        library.SetSetList(["Plugin Default", "old name", "Odd Fuzz"]);
        library.Rename("Old Name", "New Name");
        Assert.False(library.TryGet("Old Name", out _));
        Assert.True(library.TryGet("New Name", out var entry));
        Assert.Equal("new-name.json", entry.FileName);
        Assert.Equal(["new-name.json"], Directory.GetFiles(_dir.Presets).Select(Path.GetFileName));
        Assert.Equal(["Plugin Default", "New Name", "Odd Fuzz"], library.SetList.Names);
        Assert.Equal("exists", Assert.Throws<PresetLibraryException>(() => { library.Save(Make("Other")); library.Rename("Other", "new name"); }).Code);
    }

    [Fact]
    public void The_set_list_is_edited_and_saved_in_its_file()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList(["odd fuzz", "Tube Grit"]);
        Assert.Equal(["Odd Fuzz", "Tube Grit"], library.SetList.Names); // canonical names are stored
        library.AddToSetList("Hot Drive");
        library.AddToSetList("Clean Boost", 1);
        Assert.Equal(["Clean Boost", "Odd Fuzz", "Tube Grit", "Hot Drive"], library.SetList.Names);
        library.MoveInSetList("Hot Drive", 2);
        Assert.Equal(["Clean Boost", "Hot Drive", "Odd Fuzz", "Tube Grit"], library.SetList.Names);
        Assert.Equal("Odd Fuzz", library.RemoveFromSetList("3"));
        Assert.Equal("Clean Boost", library.RemoveFromSetList("clean boost"));
        Assert.Equal(["Hot Drive", "Tube Grit"], library.SetList.Names);

        Assert.Equal("not_found", Assert.Throws<PresetLibraryException>(() => library.AddToSetList("Nope")).Code);
        Assert.Equal("invalid_argument", Assert.Throws<PresetLibraryException>(() => library.MoveInSetList("Hot Drive", 9)).Code);
        Assert.Equal("position 7 is outside the set list (1..2)", Assert.Throws<PresetLibraryException>(() => library.RemoveFromSetList("7")).Message);

        using var reopened = new PresetLibrary(_dir.Path);
        Assert.Equal(["Hot Drive", "Tube Grit"], reopened.SetList.Names);
        Assert.False(reopened.SetList.IsDefault);
    }

    [Fact]
    public void A_bad_set_list_is_reported_and_only_replaced_on_purpose()
    {
        File.WriteAllText(_dir.File(SetListFile.FileName), "{ \"schema\": 1, \"presets\": [ \"Odd Fuzz\", 3 ] }");
        using var library = new PresetLibrary(_dir.Path);
        Assert.Equal("setlist.json:1:41: presets[1] must be a preset name in double quotes", library.SetList.Error!.ToString());
        Assert.Equal(FactoryPresets.All.Select(p => p.Name), library.SetList.Names);
        Assert.Contains(library.Problems, p => p.FileName == SetListFile.FileName);
        Assert.Equal("bad_setlist", Assert.Throws<PresetLibraryException>(() => library.AddToSetList("Odd Fuzz")).Code);
        Assert.Contains("3 ]", File.ReadAllText(_dir.File(SetListFile.FileName)));
        library.SetSetList(["Odd Fuzz"]);
        Assert.Null(library.SetList.Error);
        Assert.Equal(["Odd Fuzz"], library.SetList.Names);
    }

    [Fact]
    public void A_set_list_entry_whose_preset_is_gone_is_kept_and_skipped_by_the_footswitch()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.Save(Make("Mine"));
        library.SetSetList(["Mine", "Odd Fuzz"]);
        library.Delete("Mine");
        Assert.Equal(["Mine", "Odd Fuzz"], library.SetList.Names);
        Assert.Equal(1, library.Navigator.Count);
        Assert.True(library.Navigator.TryStepNext(out var step));
        Assert.Equal("Odd Fuzz", step.Name);
    }

    [Fact]
    public void Temporary_and_hidden_files_are_ignored()
    {
        WriteFile(".lead.json.123.4.tmp", "{ half");
        WriteFile(".hidden.json", "{ half");
        WriteFile("readme.txt", "not json");
        using var library = new PresetLibrary(_dir.Path);
        Assert.Empty(library.Problems);
        Assert.Equal(FactoryPresets.All.Count, library.Presets.Count);
    }

    [Fact]
    public void A_file_copied_in_is_picked_up_by_the_watcher_within_a_second()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.StartWatching();
        using var changed = new ManualResetEventSlim();
        library.Changed += () =>
        {
            if (library.TryGet("Scp'd In", out _))
            {
                changed.Set();
            }
        };
        var started = System.Diagnostics.Stopwatch.StartNew();
        File.WriteAllBytes(Path.Combine(_dir.Presets, "scp.json"), PresetFormat.ToBytes(Make("Scp'd In")));
        Assert.True(changed.Wait(TimeSpan.FromSeconds(10)), "the new file was not picked up");
        Console.WriteLine($"picked up a new preset file after {started.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void An_edit_in_place_is_picked_up_and_a_partial_write_never_replaces_the_good_version()
    {
        using var library = new PresetLibrary(_dir.Path);
        var (file, _) = library.Save(Make("Edited", wh: 1));
        library.StartWatching();
        using var changed = new ManualResetEventSlim();
        library.Changed += () =>
        {
            if (library.TryGet("Edited", out var e) && e.Preset.Settings[ParameterId.Wh] == 3f)
            {
                changed.Set();
            }
        };

        // nano truncates and rewrites the file in place, in pieces.
        var bytes = PresetFormat.ToBytes(Make("Edited", wh: 3));
        using (var stream = new FileStream(Path.Combine(_dir.Presets, file), FileMode.Truncate))
        {
            stream.Write(bytes, 0, 40);
            stream.Flush();
            Assert.True(library.TryGet("Edited", out var during));
            Assert.Equal(1f, during.Preset.Settings[ParameterId.Wh]);
            stream.Write(bytes, 40, bytes.Length - 40);
        }

        Assert.True(changed.Wait(TimeSpan.FromSeconds(10)), "the edit was not picked up");
        Assert.Empty(library.Problems);
    }

    [Fact]
    public void A_deleted_file_is_noticed_by_the_watcher()
    {
        using var library = new PresetLibrary(_dir.Path);
        var (file, _) = library.Save(Make("Doomed"));
        library.StartWatching();
        using var changed = new ManualResetEventSlim();
        library.Changed += () =>
        {
            if (!library.TryGet("Doomed", out _))
            {
                changed.Set();
            }
        };
        File.Delete(Path.Combine(_dir.Presets, file));
        Assert.True(changed.Wait(TimeSpan.FromSeconds(10)), "the deletion was not noticed");
    }
}
