using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Tests.Remote;
using GruPedalPi.Firmware.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace GruPedalPi.Firmware.Tests.Presets;

public sealed class PedalStateSaverTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_knob_turned_a_thousand_times_costs_one_write_per_interval_and_the_latest_value_wins()
    {
        var pedal = new FakePedal();
        using var saver = new PedalStateSaver(pedal, _dir.Path, _time, TimeSpan.FromMilliseconds(500));
        for (var i = 0; i <= 1000; i++)
        {
            pedal.SetParameter(ParameterId.Wh, i / 1000f * 5f, ControlSource.Knob);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        // 1001 ms of turning: two timer periods elapsed, so at most two writes.
        Assert.InRange(saver.Writes, 1, 2);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var state = SavedStateFile.Read(_dir.Path)!;
        Assert.Equal(5f, state.Settings[ParameterId.Wh]);
        Assert.InRange(saver.Writes, 1, 3);
    }

    [Fact]
    public void Nothing_is_written_while_nothing_changes()
    {
        var pedal = new FakePedal();
        using var saver = new PedalStateSaver(pedal, _dir.Path, _time);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, saver.Writes);
        Assert.False(File.Exists(_dir.File(SavedStateFile.FileName)));
    }

    [Fact]
    public void Dispose_writes_a_pending_change()
    {
        var pedal = new FakePedal();
        var saver = new PedalStateSaver(pedal, _dir.Path, _time);
        pedal.SetBypass(true, ControlSource.Footswitch);
        saver.Dispose();
        Assert.Equal(1, saver.Writes);
        Assert.True(SavedStateFile.Read(_dir.Path)!.Bypassed);
    }

    [Fact]
    public void The_preset_bypass_and_every_parameter_are_restored_exactly_at_boot()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList(["Plugin Default", "Odd Fuzz", "Tube Grit"]);
        var before = new FakePedal();
        using (var saver = new PedalStateSaver(before, _dir.Path, _time))
        {
            before.LoadPreset("Odd Fuzz", FactoryPresets.Find("Odd Fuzz")!.Settings, ControlSource.Footswitch);
            before.SetParameter(ParameterId.Tone, 0.123456f, ControlSource.Knob);
            before.SetParameter(ParameterId.OutputGainDb, -7.77f, ControlSource.Socket);
            before.SetBypass(true, ControlSource.Footswitch);
            _time.Advance(PedalStateSaver.DefaultInterval);
        }

        var after = new FakePedal();
        var restored = PedalStateSaver.Restore(after, library);
        Assert.NotNull(restored);
        Assert.Equal("Odd Fuzz", after.CurrentPreset);
        Assert.True(after.Bypassed);
        Assert.True(Preset.SameSettings(before.Settings, after.Settings), "every parameter comes back bit for bit");
        Assert.Equal(ControlSource.Startup, after.LastSource);
        Assert.Equal(2, library.Navigator.Position);
    }

    [Fact]
    public void Without_a_saved_state_the_first_set_list_preset_is_loaded()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList(["Tube Grit", "Odd Fuzz"]);
        var pedal = new FakePedal();
        Assert.Null(PedalStateSaver.Restore(pedal, library));
        Assert.Equal("Tube Grit", pedal.CurrentPreset);
        Assert.False(pedal.Bypassed);
    }

    [Fact]
    public void A_bad_state_file_is_reported_and_the_first_set_list_preset_is_loaded()
    {
        File.WriteAllText(_dir.File(SavedStateFile.FileName), "{ \"schema\": 1, \"preset\": \"Odd Fuzz\", \"bypassed\": tru");
        using var library = new PresetLibrary(_dir.Path);
        var pedal = new FakePedal();
        var logger = new ListLogger();
        Assert.Null(PedalStateSaver.Restore(pedal, library, logger));
        Assert.Equal("Plugin Default", pedal.CurrentPreset);
        Assert.Contains(logger.Messages, m => m.StartsWith("Saved state state.json:1:", StringComparison.Ordinal) && m.Contains("malformed JSON"));
    }

    [Fact]
    public void The_boot_state_can_be_read_before_the_engine_exists_and_is_then_not_sent_again()
    {
        using (var library = new PresetLibrary(_dir.Path))
        {
            library.SetSetList(["Hot Drive", "Odd Fuzz"]);
        }

        var boot = PedalStateSaver.BootState(_dir.Path);
        Assert.Equal("Hot Drive", boot.Preset);
        Assert.False(boot.Bypassed);

        var pedal = new FakePedal();
        pedal.LoadPreset(boot.Preset!, boot.Settings, ControlSource.Startup); // what the engine was built with
        using var again = new PresetLibrary(_dir.Path);
        PedalStateSaver.Restore(pedal, again);
        Assert.Equal(1, pedal.Loads);
        Assert.Equal(1, again.Navigator.Position);
    }

    [Fact]
    public void With_an_empty_set_list_and_no_saved_state_the_pedal_boots_on_the_defaults()
    {
        using var library = new PresetLibrary(_dir.Path);
        library.SetSetList([]);
        var boot = PedalStateSaver.BootState(library, null, out var fromSaved);
        Assert.False(fromSaved);
        Assert.Null(boot.Preset);
        Assert.True(Preset.SameSettings(PedalSettings.Defaults, boot.Settings));
    }
}
