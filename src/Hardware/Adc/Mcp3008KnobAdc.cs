using System.Device.Spi;
using Iot.Device.Adc;

namespace GruPedalPi.Hardware.Adc;

/// <summary>
/// Knobs on an MCP3008 (SPI, 10-bit, 8 channels) through the Iot.Device.Bindings <see cref="Mcp3008"/> class.
/// The binding's single-ended read is a 3-byte full-duplex transfer built on the stack: it allocates nothing.
/// </summary>
public sealed class Mcp3008KnobAdc : IKnobAdc
{
    private readonly Mcp3008 _adc;

    /// <summary>Wraps the chip on an SPI device (owned: disposed with this object).</summary>
    public Mcp3008KnobAdc(SpiDevice spi)
    {
        ArgumentNullException.ThrowIfNull(spi);
        _adc = new Mcp3008(spi);
    }

    /// <summary>Opens the chip on a Linux SPI bus.</summary>
    /// <param name="busId">SPI bus (0 for SPI0 on the Pi header).</param>
    /// <param name="chipSelect">Chip select line (0 = CE0/GPIO8, 1 = CE1/GPIO7).</param>
    /// <param name="clockHz">SPI clock, 10 kHz..3.6 MHz (1.35 MHz is the chip's limit at 2.7 V; 1 MHz is safe at 3.3 V).</param>
    public static Mcp3008KnobAdc Open(int busId, int chipSelect, int clockHz)
    {
        var settings = new SpiConnectionSettings(busId, chipSelect) { ClockFrequency = clockHz, Mode = SpiMode.Mode0 };
        return new Mcp3008KnobAdc(SpiDevice.Create(settings));
    }

    /// <inheritdoc />
    public string Name => "mcp3008";

    /// <inheritdoc />
    public int ChannelCount => 8;

    /// <inheritdoc />
    public int FullScale => 1023;

    /// <inheritdoc />
    public int Read(int channel) => _adc.Read(channel);

    /// <inheritdoc />
    public void Dispose() => _adc.Dispose();
}
