namespace GruPedalPi.Firmware.Remote;

/// <summary>The requests of the control protocol (the "cmd" field's values in parentheses).</summary>
public enum ControlCommand
{
    /// <summary>Not given or not known.</summary>
    None,
    /// <summary>(ping) Protocol version and whether the service runs.</summary>
    Ping,
    /// <summary>(status) The service's real-time statistics and state.</summary>
    Status,
    /// <summary>(get) The current parameters (all, or "param").</summary>
    Get,
    /// <summary>(set) Sets "param" to "value".</summary>
    Set,
    /// <summary>(bypass) "state": on, off or toggle.</summary>
    Bypass,
    /// <summary>(preset.list) Every preset and every bad file.</summary>
    PresetList,
    /// <summary>(preset.show) One preset by "name".</summary>
    PresetShow,
    /// <summary>(preset.load) Loads "name" (click-free crossfade).</summary>
    PresetLoad,
    /// <summary>(preset.save) Saves "name" from the current sound, from another preset ("from") or a given "preset" object.</summary>
    PresetSave,
    /// <summary>(preset.rm) Deletes the user preset "name".</summary>
    PresetRemove,
    /// <summary>(preset.rename) Renames "name" to "to".</summary>
    PresetRename,
    /// <summary>(setlist.show) The set list.</summary>
    SetListShow,
    /// <summary>(setlist.set) Replaces the set list with "names".</summary>
    SetListSet,
    /// <summary>(setlist.add) Adds "name" (at "position").</summary>
    SetListAdd,
    /// <summary>(setlist.remove) Removes "name" (a name or a 1-based position).</summary>
    SetListRemove,
    /// <summary>(setlist.move) Moves "name" (a name or a position) to "position".</summary>
    SetListMove,
    /// <summary>(midi.learn) Maps the next Control Change to "name" (a parameter or action), waiting up to "value" seconds.</summary>
    MidiLearn,
    /// <summary>(midi.list) The MIDI channel and the mapped Control Changes.</summary>
    MidiList,
    /// <summary>(midi.forget) Unmaps Control Change "cc".</summary>
    MidiForget,
    /// <summary>(midi.monitor) The messages received from sequence number "since" on.</summary>
    MidiMonitor,
    /// <summary>(expression.read) The expression pedal's current reading.</summary>
    ExpressionRead,
    /// <summary>(expression.calibrate) Saves "heel" and "toe" readings as the pedal's calibration.</summary>
    ExpressionCalibrate,
    /// <summary>(setlist.next) Loads the next preset of the set list (wrapping), as the footswitch's hold does.</summary>
    SetListNext,
    /// <summary>(setlist.previous) Loads the previous preset of the set list (wrapping).</summary>
    SetListPrevious,
    /// <summary>(monitor) One frame of the live view: meters, parameters and knobs, gate, tuner, MIDI, load, health.</summary>
    Monitor,
    /// <summary>(tuner) The tuner's state and reading; "state" on, off or toggle engages or leaves it, "value" sets the
    /// A4 reference (430..450 Hz).</summary>
    Tuner,
}
