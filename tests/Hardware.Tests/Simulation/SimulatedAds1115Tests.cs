using GruPedalPi.Hardware.Adc;
using GruPedalPi.Hardware.Simulation;
using Iot.Device.Ads1115;

namespace GruPedalPi.Hardware.Tests.Simulation;

public sealed class SimulatedAds1115Tests
{
    [Fact]
    public void The_real_binding_reads_each_input_in_single_shot_mode()
    {
        var chip = new SimulatedAds1115(3.3);
        using var adc = new Ads1115(chip, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.PowerDown);
        chip.SetVolts(0, 1.0);
        chip.SetVolts(1, 2.0);
        chip.SetVolts(2, 0.0);
        chip.SetVolts(3, 3.3);
        // 4.096 V full scale: 1 V is 8000 codes, within half a code.
        Assert.Equal(8000, adc.ReadRaw(InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860));
        Assert.Equal(16000, adc.ReadRaw(InputMultiplexer.AIN1, MeasuringRange.FS4096, DataRate.SPS860));
        Assert.Equal(0, adc.ReadRaw(InputMultiplexer.AIN2, MeasuringRange.FS4096, DataRate.SPS860));
        Assert.Equal(26400, adc.ReadRaw(InputMultiplexer.AIN3, MeasuringRange.FS4096, DataRate.SPS860));
        Assert.Equal(-8000, adc.ReadRaw(InputMultiplexer.AIN0_AIN1, MeasuringRange.FS4096, DataRate.SPS860));
    }

    [Fact]
    public void The_binding_waits_while_the_conversion_is_busy()
    {
        var chip = new SimulatedAds1115(3.3) { BusyPolls = 3 };
        using var adc = new Ads1115(chip, InputMultiplexer.AIN0, MeasuringRange.FS2048, DataRate.SPS860, DeviceMode.PowerDown);
        chip.SetVolts(2, 1.024);
        Assert.Equal(16384, adc.ReadRaw(InputMultiplexer.AIN2, MeasuringRange.FS2048, DataRate.SPS860));
        Assert.Equal(0x8000, chip.ConfigRegister & 0x8000);
    }

    [Fact]
    public void Registers_hold_what_the_binding_writes_big_endian()
    {
        var chip = new SimulatedAds1115(3.3);
        using var adc = new Ads1115(chip, InputMultiplexer.AIN1, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.PowerDown);
        // The binding disables the comparator by writing the reset thresholds.
        Assert.Equal(0x8000, chip.LoThreshold);
        Assert.Equal(0x7FFF, chip.HiThreshold);
        var config = chip.ConfigRegister;
        Assert.Equal(5, (config >> 12) & 7);      // MUX = AIN1 single-ended
        Assert.Equal(1, (config >> 9) & 7);       // PGA = 4.096 V
        Assert.Equal(1, (config >> 8) & 1);       // single-shot
        Assert.Equal(7, (config >> 5) & 7);       // 860 SPS
        Span<byte> rx = stackalloc byte[2];
        chip.WriteRead(new byte[] { 0x01 }, rx);
        Assert.Equal(config, (ushort)((rx[0] << 8) | rx[1]));
    }

    [Fact]
    public void Continuous_mode_follows_the_input()
    {
        var chip = new SimulatedAds1115(3.3);
        using var adc = new Ads1115(chip, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS860, DeviceMode.Continuous);
        chip.SetVolts(0, 0.5);
        Assert.Equal(4000, adc.ReadRaw());
        chip.SetVolts(0, 1.5);
        Assert.Equal(12000, adc.ReadRaw());
    }

    [Fact]
    public void The_knob_adapter_reads_the_supply_as_full_scale()
    {
        var chip = new SimulatedAds1115(3.3);
        using var knobs = new Ads1115KnobAdc(chip, 3.3);
        Assert.Equal(26400, knobs.FullScale);
        chip.SetRaw(0, 1023);
        chip.SetRaw(1, 0);
        chip.SetRaw(2, 512);
        Assert.Equal(26400, knobs.Read(0));
        Assert.Equal(0, knobs.Read(1));
        Assert.Equal(13213, knobs.Read(2)); // 512/1023 of 26400, rounded
    }

    [Fact]
    public void Reading_through_the_binding_allocates_nothing()
    {
        var chip = new SimulatedAds1115(3.3);
        using var knobs = new Ads1115KnobAdc(chip, 3.3);
        for (var i = 0; i < 100; i++)
        {
            knobs.Read(i & 3);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            knobs.Read(i & 3);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
