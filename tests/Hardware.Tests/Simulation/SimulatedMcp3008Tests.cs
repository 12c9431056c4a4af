using GruPedalPi.Hardware.Simulation;
using Iot.Device.Adc;

namespace GruPedalPi.Hardware.Tests.Simulation;

public sealed class SimulatedMcp3008Tests
{
    [Fact]
    public void The_real_binding_reads_every_channel_with_the_three_byte_transfer_of_the_datasheet()
    {
        var chip = new SimulatedMcp3008();
        using var adc = new Mcp3008(chip);
        for (var ch = 0; ch < 8; ch++)
        {
            chip.SetRaw(ch, 100 * ch + 17);
        }

        for (var ch = 0; ch < 8; ch++)
        {
            Assert.Equal(100 * ch + 17, adc.Read(ch));
            Assert.Equal(new byte[] { 0x01, (byte)((8 + ch) << 4), 0x00 }, chip.LastRequest.ToArray());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(512)]
    [InlineData(1022)]
    [InlineData(1023)]
    public void Every_bit_of_the_result_survives_the_transfer(int raw)
    {
        var chip = new SimulatedMcp3008();
        using var adc = new Mcp3008(chip);
        chip.SetRaw(3, raw);
        Assert.Equal(raw, adc.Read(3));
    }

    [Fact]
    public void The_null_bit_and_the_result_sit_where_the_datasheet_puts_them()
    {
        var chip = new SimulatedMcp3008();
        chip.SetRaw(2, 0b10_1100_0101);
        var rx = new byte[3];
        chip.TransferFullDuplex(new byte[] { 0x01, 0xA0, 0x00 }, rx);
        // Byte 1: high-impedance (1s) until the sample clock, then the null bit (0), then B9 B8.
        Assert.Equal(0b1111_1010, rx[1]);
        Assert.Equal(0b1100_0101, rx[2]);
    }

    [Fact]
    public void A_request_framed_differently_still_finds_the_start_bit()
    {
        var chip = new SimulatedMcp3008();
        chip.SetRaw(5, 777);
        // Start bit as the first bit of a 4-byte transfer: 1, SGL, D2..D0 = 101, sample, null, B9..B0.
        var rx = new byte[4];
        chip.TransferFullDuplex(new byte[] { 0b1110_1000, 0, 0, 0 }, rx);
        var bits = (rx[0] << 24) | (rx[1] << 16) | (rx[2] << 8) | rx[3];
        Assert.Equal(777, (bits >> (32 - 17)) & 0x3FF);
    }

    [Fact]
    public void Pseudo_differential_reads_subtract_the_pair()
    {
        var chip = new SimulatedMcp3008();
        using var adc = new Mcp3008(chip);
        chip.SetRaw(0, 700);
        chip.SetRaw(1, 200);
        Assert.Equal(500, adc.ReadPseudoDifferential(0, 1));
    }

    [Fact]
    public void Noise_stays_within_its_amplitude_and_is_deterministic()
    {
        int[] Run()
        {
            var chip = new SimulatedMcp3008();
            using var adc = new Mcp3008(chip);
            chip.SetRaw(0, 500);
            chip.SetNoise(0, 2);
            return Enumerable.Range(0, 1000).Select(_ => adc.Read(0)).ToArray();
        }

        var a = Run();
        Assert.All(a, v => Assert.InRange(v, 498, 502));
        Assert.Equal(5, a.Distinct().Count());
        Assert.Equal(a, Run());
    }
}
