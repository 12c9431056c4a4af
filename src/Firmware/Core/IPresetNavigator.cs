namespace GruPedalPi.Firmware.Core;

/// <summary>
/// The set list as the control surface sees it: the footswitch's hold steps through it. Until presets are
/// stored on disk it is the factory presets; the preset library provides the disk-backed one.
/// Called on the control thread: implementations must not allocate in <see cref="TryStepNext"/>.
/// </summary>
public interface IPresetNavigator
{
    /// <summary>Steps to the next preset in the set list (wrapping after the last); false when the set list is empty.</summary>
    bool TryStepNext(out PresetStep step);

    /// <summary>Steps to the previous preset in the set list (wrapping before the first); false when the set list is empty.</summary>
    bool TryStepPrevious(out PresetStep step);

    /// <summary>Goes to set-list position <paramref name="position"/> (1-based); false when there is no such position.</summary>
    bool TryGoTo(int position, out PresetStep step);

    /// <summary>Finds the preset whose file names MIDI program <paramref name="program"/> (0..127) in bank
    /// <paramref name="bank"/> (0..16383); false when none does. Allocation-free.</summary>
    bool TryFindProgram(int bank, int program, out PresetStep step);

    /// <summary>Finds a preset by name (set-list position when it is in it); false when there is none of that name.</summary>
    bool TryFind(string name, out PresetStep step);
}
