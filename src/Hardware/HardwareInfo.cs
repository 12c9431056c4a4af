namespace GruPedalPi.Hardware;

/// <summary>Placeholder so the project builds before the device code lands.</summary>
internal static class HardwareInfo
{
    /// <summary>The name of this assembly's area.</summary>
    public const string Area = "hardware";
}
