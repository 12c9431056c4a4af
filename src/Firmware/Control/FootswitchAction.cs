namespace GruPedalPi.Firmware.Control;

/// <summary>What a footswitch gesture does.</summary>
public enum FootswitchAction
{
    /// <summary>Nothing.</summary>
    None,
    /// <summary>Toggles bypass.</summary>
    Bypass,
    /// <summary>Steps to the next preset of the set list.</summary>
    NextPreset,
}
