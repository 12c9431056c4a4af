namespace GruPedalPi.Firmware.Configuration;

/// <summary>The converter the knobs are wired to (<c>"adc"</c> in the file).</summary>
public sealed class AdcConfig
{
    /// <summary><c>"mcp3008"</c> (SPI, 10-bit, 8 channels), <c>"ads1115"</c> (I2C, 16-bit, 4 channels) or <c>"none"</c> (no knobs).</summary>
    public string Type { get; set; } = "mcp3008";

    /// <summary>Bus number: SPI bus for the MCP3008 (0 = SPI0), I2C bus for the ADS1115 (1 on the header), 0..9.
    /// Null: 0 for the MCP3008, 1 for the ADS1115.</summary>
    public int? Bus { get; set; }

    /// <summary>MCP3008 chip select, 0 (CE0, GPIO8) or 1 (CE1, GPIO7).</summary>
    public int ChipSelect { get; set; }

    /// <summary>MCP3008 SPI clock in Hz, 10000..3600000 (1 MHz is safe at 3.3 V).</summary>
    public int ClockHz { get; set; } = 1_000_000;

    /// <summary>ADS1115 7-bit I2C address, 72..75 (0x48..0x4B).</summary>
    public int Address { get; set; } = 0x48;

    /// <summary>ADS1115: the potentiometers' supply in volts, 1.0..5.5 (the top of each divider).</summary>
    public double SupplyVolts { get; set; } = 3.3;

    /// <summary>The effective bus number.</summary>
    public int EffectiveBus => Bus ?? (Type == "ads1115" ? 1 : 0);
}
