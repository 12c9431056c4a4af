using System.Text;
using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Tests.Presets;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>`preset save NAME` of the current sound makes the saved preset the current one, as on every pedal.</summary>
public sealed class PresetSaveCurrentTests
{
    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement.Clone();

    [Fact]
    public void Saving_the_current_sound_makes_the_saved_preset_current_and_unmodified()
    {
        using var h = new ServerHarness();
        h.Ask("""{"v":1,"cmd":"preset.load","name":"Odd Fuzz"}""");
        h.Ask("""{"v":1,"cmd":"set","param":"wh","value":3.25}""");
        var before = Parse(h.Ask("""{"v":1,"cmd":"status"}"""));
        Assert.Equal("Odd Fuzz", before.GetProperty("preset").GetString());
        Assert.True(before.GetProperty("modified").GetBoolean());

        Assert.True(Parse(h.Ask("""{"v":1,"cmd":"preset.save","name":"My Lead"}""")).GetProperty("ok").GetBoolean());

        var after = Parse(h.Ask("""{"v":1,"cmd":"status"}"""));
        Assert.Equal("My Lead", after.GetProperty("preset").GetString());
        Assert.False(after.GetProperty("modified").GetBoolean(), "the current sound is exactly the saved preset");
        Assert.Equal(3.25f, h.Pedal.Settings[ParameterId.Wh]); // the sound itself did not change
        var list = Parse(h.Ask("""{"v":1,"cmd":"preset.list"}"""));
        Assert.Equal("My Lead", list.GetProperty("current").GetString());
    }

    [Fact]
    public void Saving_another_preset_or_an_imported_one_leaves_the_current_preset_alone()
    {
        using var h = new ServerHarness();
        h.Ask("""{"v":1,"cmd":"preset.load","name":"Odd Fuzz"}""");
        Assert.True(Parse(h.Ask("""{"v":1,"cmd":"preset.save","name":"Copy","from":"Plugin Default"}""")).GetProperty("ok").GetBoolean());
        Assert.True(Parse(h.Ask("""{"v":1,"cmd":"preset.save","preset":{"schema":1,"name":"Imported","parameters":{"wf":0.5,"wh":1,"uf":0.5,"uh":0.5,"bf":0,"input_gain_db":0,"output_gain_db":0,"mix":1,"tone":0}}}""")).GetProperty("ok").GetBoolean());
        Assert.Equal("Odd Fuzz", Parse(h.Ask("""{"v":1,"cmd":"status"}""")).GetProperty("preset").GetString());
        Assert.True(h.Library.TryGet("Copy", out _));
        Assert.True(h.Library.TryGet("Imported", out _));
    }

    [Fact]
    public void Without_the_service_saving_the_saved_sound_makes_it_the_saved_current_preset()
    {
        using var dir = new TempDir();
        var settings = PedalSettings.Defaults;
        settings[ParameterId.Wh] = 4f;
        SavedStateFile.Write(dir.Path, new SavedState("Odd Fuzz", true, settings));
        using var library = new PresetLibrary(dir.Path);
        var handler = new ControlRequestHandler(null, library);
        using var writer = new ControlResponseWriter();

        Assert.Equal(ControlRequestHandler.Outcome.Ok, handler.Handle("""{"v":1,"cmd":"preset.save","name":"My Lead"}"""u8, writer));

        var saved = SavedStateFile.Read(dir.Path)!;
        Assert.Equal("My Lead", saved.Preset);
        Assert.True(saved.Bypassed);
        Assert.Equal(4f, saved.Settings[ParameterId.Wh]);
        Assert.True(library.TryGet("My Lead", out var entry));
        Assert.Equal(4f, entry.Preset.Settings[ParameterId.Wh]);
        _ = Encoding.UTF8.GetString(writer.Finish());
    }
}
