using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Tests.Control;

public sealed class ControlSurfaceKnobTests
{
    private static PedalConfig Jump() => ConfigLoader.Parse("""{ "takeover": "jump" }""", "test.json");

    [Fact]
    public void Resting_knobs_with_two_lsb_of_noise_change_nothing_for_a_minute()
    {
        using var rig = new SurfaceRig(Jump(), hw =>
        {
            for (var ch = 0; ch < 8; ch++)
            {
                hw.SetSimulatedKnob(ch, 100 + ch * 110);
                hw.SetSimulatedNoise(ch, 2);
            }
        });
        rig.RunTo(60_000);
        Assert.Equal(0, rig.Pedal.ParameterChanges);
        Assert.True(rig.Surface.Scans >= 29_000);
    }

    [Fact]
    public void A_turn_reaches_the_engine_within_20_ms()
    {
        using var rig = new SurfaceRig(Jump());
        rig.RunTo(100);
        rig.Knob(6, 700); // mix
        rig.RunTo(102);
        var first = rig.Pedal.ParameterChanges;
        rig.RunTo(120);
        Assert.True(first > 0 || rig.Pedal.ParameterChanges > 0, "no change within 20 ms");
        // Settled within 1 % of the knob's value 20 ms after the move.
        var expected = (700 - 20.46) / (1023 - 40.92);
        Assert.InRange(rig.Pedal.Settings[ParameterId.Mix], expected - 0.01, expected + 0.01);
    }

    [Theory]
    [InlineData(0, ParameterId.Wh, 0.01f, 5f)]
    [InlineData(4, ParameterId.Bf, -1f, 5f)]
    [InlineData(7, ParameterId.OutputGainDb, -60f, 12f)]
    public void Full_sweeps_are_monotonic_and_end_exactly_at_the_range(int channel, ParameterId id, float min, float max)
    {
        using var rig = new SurfaceRig(Jump(), hw => hw.SetSimulatedNoise(channel, 1));
        var values = new List<float>();
        rig.Recording = false;
        var t = 0.0;
        void Sweep(IEnumerable<int> raws)
        {
            foreach (var raw in raws)
            {
                rig.Knob(channel, raw);
                t += 2;
                rig.RunTo(t);
                values.Add(rig.Pedal.Settings[id]);
            }

            t += 100;
            rig.RunTo(t);
            values.Add(rig.Pedal.Settings[id]);
        }

        // Park at the bottom, then up (0.5 s), then down from the top.
        Sweep(Enumerable.Repeat(0, 20));
        Assert.Equal(min, values[^1]);
        values.Clear();
        Sweep(Enumerable.Range(0, 256).Select(i => i * 4));
        Sweep(Enumerable.Repeat(1023, 20));
        var up = values.ToArray();
        Assert.Equal(max, up[^1]);
        for (var i = 1; i < up.Length; i++)
        {
            Assert.True(up[i] >= up[i - 1], $"not monotonic up at {i}");
        }

        values.Clear();
        Sweep(Enumerable.Range(0, 256).Select(i => 1023 - i * 4));
        Sweep(Enumerable.Repeat(0, 20));
        var down = values.ToArray();
        Assert.Equal(min, down[^1]);
        for (var i = 1; i < down.Length; i++)
        {
            Assert.True(down[i] <= down[i - 1], $"not monotonic down at {i}");
        }
    }

    [Fact]
    public void After_a_preset_load_a_knob_takes_over_only_once_it_crosses_the_preset_value()
    {
        using var rig = new SurfaceRig(null, hw => hw.SetSimulatedKnob(1, 512)); // wf at mid-travel
        rig.RunTo(50);
        rig.Knob(1, 900); // pick up wf at start (default 0.5 is below)... the knob starts above: crossing needed
        rig.RunTo(100);
        Assert.Equal(0.5f, rig.Pedal.Settings[ParameterId.Wf]); // 512 -> 900 does not cross 0.5

        var tube = FactoryPresets.Find("Tube Grit")!;
        rig.Pedal.LoadPreset(tube.Name, tube.Settings, ControlSource.Socket); // wf = 5 (mid-travel)
        rig.RunTo(110);
        rig.Knob(1, 800);
        rig.RunTo(200);
        Assert.Equal(5f, rig.Pedal.Settings[ParameterId.Wf]); // still the preset's
        Assert.True(rig.Surface.KnobWaiting(1));
        rig.Knob(1, 400); // across 5.0 (position 0.5)
        rig.RunTo(300);
        Assert.False(rig.Surface.KnobWaiting(1));
        Assert.Contains("pickup wf", rig.Events);
        Assert.InRange(rig.Pedal.Settings[ParameterId.Wf], 3.7f, 3.9f); // (400-20.46)/981.9*10 = 3.87, within the dead band
    }

    [Fact]
    public void A_socket_change_makes_only_that_knob_wait()
    {
        using var rig = new SurfaceRig(Jump());
        rig.Knob(5, 600);
        rig.Knob(6, 600);
        rig.RunTo(100);
        Assert.False(rig.Surface.KnobWaiting(5));
        rig.Pedal.SetParameter(ParameterId.Tone, -0.9f, ControlSource.Socket);
        rig.RunTo(110);
        Assert.True(rig.Surface.KnobWaiting(5));
        Assert.False(rig.Surface.KnobWaiting(6));
        Assert.Equal(-0.9f, rig.Pedal.Settings[ParameterId.Tone]);
        rig.Knob(5, 650); // jump mode: any movement takes over
        rig.RunTo(150);
        Assert.False(rig.Surface.KnobWaiting(5));
        Assert.True(rig.Pedal.Settings[ParameterId.Tone] > 0.2f);
    }

    [Fact]
    public void In_pickup_mode_nothing_jumps_at_start_up()
    {
        using var rig = new SurfaceRig(null, hw =>
        {
            for (var ch = 0; ch < 8; ch++)
            {
                hw.SetSimulatedKnob(ch, 1000);
            }
        });
        rig.RunTo(500);
        Assert.Equal(0, rig.Pedal.ParameterChanges);
        Assert.All(Enumerable.Range(0, 8), k => Assert.True(rig.Surface.KnobWaiting(k)));
    }

    [Fact]
    public void Knobs_on_an_ads1115_work_through_the_real_binding()
    {
        var config = ConfigLoader.Parse("""
            {
              "adc": { "type": "ads1115", "address": 73 },
              "knobs": [ { "channel": 0, "parameter": "drive", "taper": "log" }, { "channel": 3, "parameter": "level", "min": -40, "max": 6 } ],
              "knobScan": { "intervalMs": 5 },
              "takeover": "jump"
            }
            """, "ads.json");
        using var rig = new SurfaceRig(config);
        rig.Knob(3, 1023);
        rig.RunTo(200);
        Assert.Equal(6f, rig.Pedal.Settings[ParameterId.OutputGainDb]);
        rig.Knob(3, 0);
        rig.RunTo(400);
        Assert.Equal(-40f, rig.Pedal.Settings[ParameterId.OutputGainDb]);
        Assert.True(rig.Hardware.SimulatedAds1115!.Conversions > 100);
    }
}
