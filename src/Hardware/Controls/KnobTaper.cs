namespace GruPedalPi.Hardware.Controls;

/// <summary>How a knob's rotation maps onto its parameter range.</summary>
public enum KnobTaper
{
    /// <summary>Value proportional to rotation (tone, mix, the unit's weights).</summary>
    Linear,
    /// <summary>Audio ("A") taper: slow at first, 15 % of the range at noon (drive).</summary>
    Log,
    /// <summary>Reverse audio ("C") taper: fast at first, 85 % of the range at noon (level in dB).</summary>
    AntiLog,
}
