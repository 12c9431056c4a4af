using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Service;

namespace GruPedalPi.Firmware.Tests.Service;

public sealed class PedalControlTests
{
    [Fact]
    public void Values_are_clamped_to_the_preset_range_kept_as_the_current_settings_and_queued_for_the_audio_thread()
    {
        var queue = new ParameterQueue(8);
        var control = new PedalControl(queue, PedalSettings.Defaults);
        ControlSource? seen = null;
        control.Changed += s => seen = s;

        control.SetParameter(ParameterId.Wh, 99f, ControlSource.Socket);

        Assert.Equal(5f, control.Settings[ParameterId.Wh]); // Wh's preset maximum
        Assert.Equal(ControlSource.Socket, seen);
        Assert.True(queue.TryDequeue(out var c));
        Assert.Equal(ParameterCommandKind.SetParameter, c.Kind);
        Assert.Equal(5f, c.Value);
    }

    [Fact]
    public void A_preset_load_names_the_preset_and_travels_whole()
    {
        var queue = new ParameterQueue(8);
        var control = new PedalControl(queue, PedalSettings.Defaults);
        var preset = FactoryPresets.All[1];
        control.LoadPreset(preset.Name, preset.Settings, ControlSource.Footswitch);
        Assert.Equal("Odd Fuzz", control.CurrentPreset);
        Assert.Equal(5f, control.Settings[ParameterId.Bf]);
        Assert.True(queue.TryDequeue(out var c));
        Assert.Equal(ParameterCommandKind.SetAll, c.Kind);
        Assert.Equal(5f, c.Settings[ParameterId.Bf]);
    }

    [Fact]
    public void Changes_made_while_the_queue_is_full_reach_the_audio_thread_as_a_whole_state_once_it_drains()
    {
        var queue = new ParameterQueue(4);
        var control = new PedalControl(queue, PedalSettings.Defaults);
        for (int i = 0; i < 10; i++)
        {
            control.SetParameter(ParameterId.Wf, i, ControlSource.Knob);
        }

        control.SetBypass(true, ControlSource.Footswitch);
        while (queue.TryDequeue(out _))
        {
        }

        control.Flush();
        Assert.True(queue.TryDequeue(out var all));
        Assert.Equal(ParameterCommandKind.SetAll, all.Kind);
        Assert.Equal(9f, all.Settings[ParameterId.Wf]);
        Assert.True(queue.TryDequeue(out var bypass));
        Assert.Equal(ParameterCommandKind.SetBypass, bypass.Kind);
        Assert.Equal(1f, bypass.Value);
        Assert.Equal(1, control.Resyncs);
    }
}
