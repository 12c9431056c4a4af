using System.Device.I2c;
using Iot.Device.Ads1115;

namespace GruPedalPi.Hardware.Adc;

/// <summary>
/// Knobs on an ADS1115 (I2C, 16-bit, 4 channels) through the Iot.Device.Bindings <see cref="Ads1115"/> class,
/// in single-shot mode at 860 samples/s: each read selects the channel, starts one conversion and waits for it
/// (about 1.2 ms on the chip), so four knobs take about 5 ms per scan. The programmable gain is the smallest
/// full-scale range above the supply, and <see cref="FullScale"/> is the code of the supply voltage.
/// The binding's reads use stack buffers; with an allocation-free <see cref="I2cDevice"/> nothing is allocated.
/// </summary>
public sealed class Ads1115KnobAdc : IKnobAdc
{
    private readonly Ads1115 _adc;
    private readonly MeasuringRange _range;

    /// <summary>Wraps the chip on an I2C device (owned: disposed with this object).</summary>
    /// <param name="i2c">The device at the chip's address.</param>
    /// <param name="supplyVolts">The potentiometers' supply (the top of each divider), 0.5..5.5 V.</param>
    public Ads1115KnobAdc(I2cDevice i2c, double supplyVolts)
    {
        ArgumentNullException.ThrowIfNull(i2c);
        if (!(supplyVolts >= 0.5 && supplyVolts <= 5.5))
        {
            throw new ArgumentOutOfRangeException(nameof(supplyVolts), supplyVolts, "0.5..5.5 V");
        }

        (_range, var rangeVolts) = RangeFor(supplyVolts);
        FullScale = (int)Math.Round(supplyVolts / rangeVolts * 32768);
        if (FullScale > short.MaxValue)
        {
            FullScale = short.MaxValue;
        }

        _adc = new Ads1115(i2c, InputMultiplexer.AIN0, _range, DataRate.SPS860, DeviceMode.PowerDown);
    }

    /// <summary>Opens the chip on a Linux I2C bus.</summary>
    /// <param name="busId">I2C bus (1 on the Pi header: SDA GPIO2, SCL GPIO3).</param>
    /// <param name="address">7-bit address, 0x48..0x4B (ADDR pin to GND, VDD, SDA, SCL).</param>
    /// <param name="supplyVolts">The potentiometers' supply.</param>
    public static Ads1115KnobAdc Open(int busId, int address, double supplyVolts) =>
        new(I2cDevice.Create(new I2cConnectionSettings(busId, address)), supplyVolts);

    /// <summary>The smallest programmable-gain range that holds a supply voltage, and its full-scale volts.</summary>
    public static (MeasuringRange Range, double Volts) RangeFor(double supplyVolts) => supplyVolts switch
    {
        <= 0.256 => (MeasuringRange.FS0256, 0.256),
        <= 0.512 => (MeasuringRange.FS0512, 0.512),
        <= 1.024 => (MeasuringRange.FS1024, 1.024),
        <= 2.048 => (MeasuringRange.FS2048, 2.048),
        <= 4.096 => (MeasuringRange.FS4096, 4.096),
        _ => (MeasuringRange.FS6144, 6.144),
    };

    /// <inheritdoc />
    public string Name => "ads1115";

    /// <inheritdoc />
    public int ChannelCount => 4;

    /// <inheritdoc />
    public int FullScale { get; }

    /// <inheritdoc />
    public int Read(int channel)
    {
        if ((uint)channel > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "ADS1115 channels are 0..3");
        }

        var raw = _adc.ReadRaw(InputMultiplexer.AIN0 + channel, _range, DataRate.SPS860);
        return raw < 0 ? 0 : raw;
    }

    /// <inheritdoc />
    public void Dispose() => _adc.Dispose();
}
