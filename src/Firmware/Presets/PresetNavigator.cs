using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Presets;

/// <summary>
/// The disk-backed set list as the control surface sees it. The steps are prebuilt whenever the set list or a
/// preset changes (<see cref="Rebuild"/>, off the control thread); <see cref="TryStepNext"/> only reads an
/// immutable array and moves an index: it never allocates or locks.
/// </summary>
public sealed class PresetNavigator : IPresetNavigator
{
    private PresetStep[] _steps = [];
    private ProgramEntry[] _programs = [];
    private int _index = -1;
    private Func<string, Preset?>? _lookup;

    /// <summary>The number of presets the footswitch steps through (set-list entries whose preset exists).</summary>
    public int Count => Volatile.Read(ref _steps).Length;

    /// <summary>The 1-based position of the current preset in the set list, or 0 when it is not in it.</summary>
    public int Position
    {
        get
        {
            var steps = Volatile.Read(ref _steps);
            var i = Volatile.Read(ref _index);
            return i >= 0 && i < steps.Length ? i + 1 : 0;
        }
    }

    /// <inheritdoc/>
    public bool TryStepNext(out PresetStep step)
    {
        var steps = Volatile.Read(ref _steps);
        if (steps.Length == 0)
        {
            step = default;
            return false;
        }

        var next = Volatile.Read(ref _index) + 1;
        if (next < 0 || next >= steps.Length)
        {
            next = 0;
        }

        Volatile.Write(ref _index, next);
        step = steps[next];
        return true;
    }

    /// <inheritdoc/>
    public bool TryStepPrevious(out PresetStep step)
    {
        var steps = Volatile.Read(ref _steps);
        if (steps.Length == 0)
        {
            step = default;
            return false;
        }

        var previous = Volatile.Read(ref _index) - 1;
        if (previous < 0 || previous >= steps.Length)
        {
            previous = steps.Length - 1;
        }

        Volatile.Write(ref _index, previous);
        step = steps[previous];
        return true;
    }

    /// <inheritdoc/>
    public bool TryGoTo(int position, out PresetStep step)
    {
        var steps = Volatile.Read(ref _steps);
        if (position < 1 || position > steps.Length)
        {
            step = default;
            return false;
        }

        Volatile.Write(ref _index, position - 1);
        step = steps[position - 1];
        return true;
    }

    /// <inheritdoc/>
    public bool TryFindProgram(int bank, int program, out PresetStep step)
    {
        foreach (var p in Volatile.Read(ref _programs))
        {
            if (p.Program == program && p.Bank == bank)
            {
                step = p.Step;
                var steps = Volatile.Read(ref _steps);
                if (step.Position > 0 && step.Position <= steps.Length)
                {
                    Volatile.Write(ref _index, step.Position - 1);
                }

                return true;
            }
        }

        step = default;
        return false;
    }

    /// <inheritdoc/>
    public bool TryFind(string name, out PresetStep step)
    {
        var steps = Volatile.Read(ref _steps);
        foreach (var s in steps)
        {
            if (PresetNames.Same(s.Name, name))
            {
                step = s;
                return true;
            }
        }

        var lookup = Volatile.Read(ref _lookup);
        if (lookup is not null && lookup(name) is { } preset)
        {
            step = new PresetStep(preset.Name, preset.Settings, 0, steps.Length) { Expression = preset.Expression };
            return true;
        }

        step = default;
        return false;
    }

    /// <summary>Makes the next step follow the preset now playing: call after a preset is loaded by name
    /// (socket or boot). A name not in the set list leaves the position unchanged. No allocation.</summary>
    public void SyncTo(string? name)
    {
        if (name is null)
        {
            return;
        }

        var steps = Volatile.Read(ref _steps);
        var current = Volatile.Read(ref _index);
        if (current >= 0 && current < steps.Length && ReferenceEquals(steps[current].Name, name))
        {
            return;
        }

        for (var i = 0; i < steps.Length; i++)
        {
            if (PresetNames.Same(steps[i].Name, name))
            {
                Volatile.Write(ref _index, i);
                return;
            }
        }
    }

    /// <summary>Follows every change of the running pedal (knob, footswitch, socket): the position tracks its
    /// current preset. The handler compares names only; it does not allocate.</summary>
    public void Follow(IPedalControl pedal) => pedal.Changed += _ => SyncTo(pedal.CurrentPreset);

    /// <summary>Prebuilds the steps from the set list (entries whose preset does not exist are skipped).</summary>
    /// <param name="setList">The set list's names, in order.</param>
    /// <param name="resolve">Finds a preset by name, or null.</param>
    /// <param name="all">Every preset (for their MIDI programs), or null for the set list's only.</param>
    public void Rebuild(IReadOnlyList<string> setList, Func<string, Preset?> resolve, IEnumerable<Preset>? all = null)
    {
        var found = new List<Preset>(setList.Count);
        foreach (var name in setList)
        {
            if (resolve(name) is { } preset)
            {
                found.Add(preset);
            }
        }

        var steps = new PresetStep[found.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = new PresetStep(found[i].Name, found[i].Settings, i + 1, steps.Length) { Expression = found[i].Expression };
        }

        var programs = new List<ProgramEntry>();
        foreach (var preset in all ?? found)
        {
            if (preset.Midi is { } midi && !programs.Exists(e => e.Program == midi.Program && e.Bank == midi.Bank))
            {
                var position = Array.FindIndex(steps, s => PresetNames.Same(s.Name, preset.Name)) + 1;
                programs.Add(new ProgramEntry(midi.Program, midi.Bank,
                    new PresetStep(preset.Name, preset.Settings, position, steps.Length) { Expression = preset.Expression }));
            }
        }

        var old = Volatile.Read(ref _steps);
        var oldIndex = Volatile.Read(ref _index);
        var currentName = oldIndex >= 0 && oldIndex < old.Length ? old[oldIndex].Name : null;
        var newIndex = -1;
        if (currentName is not null)
        {
            newIndex = Array.FindIndex(steps, s => PresetNames.Same(s.Name, currentName));
        }

        Volatile.Write(ref _lookup, resolve);
        Volatile.Write(ref _programs, programs.ToArray());
        Volatile.Write(ref _steps, steps);
        Volatile.Write(ref _index, newIndex);
    }

    private readonly record struct ProgramEntry(int Program, int Bank, PresetStep Step);
}
