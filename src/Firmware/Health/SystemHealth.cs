namespace GruPedalPi.Firmware.Health;

/// <summary>
/// What the machine says about itself, for a player sound-checking over SSH: the CPU's temperature, the Raspberry
/// Pi firmware's throttling flags, and how long the system has been up. A value the machine does not offer is
/// unknown (NaN, or -1 for the flags): a PC has no throttling flags, a container often no thermal zone.
/// </summary>
/// <param name="CpuTemperatureC">The first thermal zone's temperature in degrees Celsius (a Pi's SoC), or NaN.</param>
/// <param name="ThrottledFlags">The firmware's <c>get_throttled</c> bits (0 = all well), or -1 when unreadable.</param>
/// <param name="UptimeS">Seconds since the system booted, or NaN.</param>
public readonly record struct SystemHealth(double CpuTemperatureC, int ThrottledFlags, double UptimeS)
{
    /// <summary>Nothing known (no file readable).</summary>
    public static readonly SystemHealth Unknown = new(double.NaN, -1, double.NaN);

    /// <summary>True when the temperature is known.</summary>
    public bool HasTemperature => !double.IsNaN(CpuTemperatureC);

    /// <summary>True when the throttling flags are known (a Raspberry Pi kernel with the firmware driver).</summary>
    public bool HasThrottledFlags => ThrottledFlags >= 0;

    /// <summary>The supply is below 4.63 V now (bit 0): the first thing to check when a Pi glitches on stage.</summary>
    public bool UnderVoltageNow => Flag(0);

    /// <summary>The ARM clock is capped now (bit 1).</summary>
    public bool FrequencyCappedNow => Flag(1);

    /// <summary>The firmware throttles the CPU now (bit 2): the audio thread has less time than it was given.</summary>
    public bool ThrottledNow => Flag(2);

    /// <summary>The soft temperature limit is active now (bit 3).</summary>
    public bool SoftTemperatureLimitNow => Flag(3);

    /// <summary>Under-voltage happened since boot (bit 16).</summary>
    public bool UnderVoltageOccurred => Flag(16);

    /// <summary>The clock was capped since boot (bit 17).</summary>
    public bool FrequencyCappedOccurred => Flag(17);

    /// <summary>Throttling happened since boot (bit 18).</summary>
    public bool ThrottlingOccurred => Flag(18);

    /// <summary>The soft temperature limit was reached since boot (bit 19).</summary>
    public bool SoftTemperatureLimitOccurred => Flag(19);

    private bool Flag(int bit) => HasThrottledFlags && (ThrottledFlags & (1 << bit)) != 0;
}
