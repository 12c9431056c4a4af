using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Tests.Remote;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Presets;

public sealed class PresetNavigatorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Stepping_goes_through_the_set_list_in_order_and_wraps_around()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList(["Tube Grit", "Odd Fuzz", "Hot Drive"]);
        var names = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            Assert.True(library.Navigator.TryStepNext(out var step));
            names.Add($"{step.Name} {step.Position}/{step.Count}");
        }

        Assert.Equal(["Tube Grit 1/3", "Odd Fuzz 2/3", "Hot Drive 3/3", "Tube Grit 1/3"], names);
    }

    [Fact]
    public void Steps_carry_the_presets_settings()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList(["Odd Fuzz"]);
        Assert.True(library.Navigator.TryStepNext(out var step));
        Assert.True(Preset.SameSettings(FactoryPresets.Find("Odd Fuzz")!.Settings, step.Settings));
    }

    [Fact]
    public void An_empty_set_list_cannot_be_stepped()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList([]);
        Assert.False(library.Navigator.TryStepNext(out _));
    }

    [Fact]
    public void Stepping_allocates_nothing()
    {
        using var library = new PresetLibrary(_dir.Path);
        var navigator = library.Navigator;
        navigator.TryStepNext(out _);
        navigator.SyncTo("Odd Fuzz");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            navigator.TryStepNext(out _);
            navigator.SyncTo("Tube Grit");
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_position_follows_a_preset_loaded_elsewhere()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList(["Plugin Default", "Odd Fuzz", "Tube Grit"]);
        var pedal = new FakePedal();
        library.Navigator.Follow(pedal);
        pedal.LoadPreset("Odd Fuzz", FactoryPresets.Find("Odd Fuzz")!.Settings, ControlSource.Socket);
        Assert.Equal(2, library.Navigator.Position);
        Assert.True(library.Navigator.TryStepNext(out var next));
        Assert.Equal("Tube Grit", next.Name);
    }

    [Fact]
    public void The_position_survives_a_change_of_the_set_list()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList(["Plugin Default", "Odd Fuzz", "Tube Grit"]);
        library.Navigator.SyncTo("Odd Fuzz");
        library.AddToSetList("Hot Drive", 1);
        Assert.Equal(3, library.Navigator.Position);
    }

    [Fact]
    public void A_preset_outside_the_set_list_is_found_with_position_zero()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList(["Odd Fuzz"]);
        Assert.True(library.Navigator.TryFind("lopsided", out var step));
        Assert.Equal("Lopsided", step.Name);
        Assert.Equal(0, step.Position);
        Assert.True(library.Navigator.TryFind("odd fuzz", out var inList));
        Assert.Equal(1, inList.Position);
        Assert.False(library.Navigator.TryFind("nothing", out _));
    }
}
