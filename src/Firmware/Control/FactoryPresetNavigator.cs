using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// The set list of the built-in factory presets (<see cref="FactoryPresets.All"/>, in order), until presets are
/// stored on disk. A cursor remembers the position: <see cref="TryStepNext"/> moves to the next (wrapping), and
/// <see cref="TryFind"/> moves the cursor to the preset found, so that a hold after a preset loaded over the
/// socket steps on from there. Allocation-free; for one thread (the control thread) plus look-ups.
/// </summary>
public sealed class FactoryPresetNavigator : IPresetNavigator
{
    private int _index = -1;

    /// <summary>Position (0-based) of the current preset, -1 before the first step.</summary>
    public int Index => Volatile.Read(ref _index);

    /// <inheritdoc />
    public bool TryStepNext(out PresetStep step)
    {
        var all = FactoryPresets.All;
        if (all.Count == 0)
        {
            step = default;
            return false;
        }

        var i = (Volatile.Read(ref _index) + 1) % all.Count;
        Volatile.Write(ref _index, i);
        var p = all[i];
        step = new PresetStep(p.Name, p.Settings, i + 1, all.Count);
        return true;
    }

    /// <inheritdoc />
    public bool TryStepPrevious(out PresetStep step)
    {
        var all = FactoryPresets.All;
        if (all.Count == 0)
        {
            step = default;
            return false;
        }

        var i = Volatile.Read(ref _index) - 1;
        if (i < 0)
        {
            i = all.Count - 1;
        }

        Volatile.Write(ref _index, i);
        step = new PresetStep(all[i].Name, all[i].Settings, i + 1, all.Count);
        return true;
    }

    /// <inheritdoc />
    public bool TryGoTo(int position, out PresetStep step)
    {
        var all = FactoryPresets.All;
        if (position < 1 || position > all.Count)
        {
            step = default;
            return false;
        }

        Volatile.Write(ref _index, position - 1);
        var p = all[position - 1];
        step = new PresetStep(p.Name, p.Settings, position, all.Count);
        return true;
    }

    /// <inheritdoc />
    public bool TryFindProgram(int bank, int program, out PresetStep step)
    {
        step = default;
        return false; // factory presets name no program: Program Change n goes to position n + 1
    }

    /// <inheritdoc />
    public bool TryFind(string name, out PresetStep step)
    {
        var all = FactoryPresets.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (string.Equals(all[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                Volatile.Write(ref _index, i);
                step = new PresetStep(all[i].Name, all[i].Settings, i + 1, all.Count);
                return true;
            }
        }

        step = default;
        return false;
    }
}
