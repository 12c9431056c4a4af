namespace GruPedalPi.Firmware.Bindings;

/// <summary>What a footswitch gesture (or a MIDI action) does.</summary>
public enum FootswitchAction
{
    /// <summary>Nothing.</summary>
    None,
    /// <summary>Toggles bypass.</summary>
    Bypass,
    /// <summary>Steps to the next preset of the set list.</summary>
    NextPreset,
    /// <summary>Steps to the previous preset of the set list.</summary>
    PreviousPreset,
    /// <summary>Loads one preset by name (<c>preset:NAME</c>).</summary>
    Preset,
    /// <summary>Goes to one set-list position (<c>setlist:N</c>).</summary>
    SetList,
    /// <summary>Engages or leaves the tuner (<c>tuner</c>): the output mutes while it is engaged.</summary>
    Tuner,
}
