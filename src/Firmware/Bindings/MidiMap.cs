using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Bindings;

/// <summary>
/// The resolved MIDI mapping: the channel listened to and what each of the 128 Control Changes does. Immutable:
/// a learned change builds a new map (off the MIDI and control threads' steady path) and swaps it in.
/// </summary>
public sealed class MidiMap
{
    /// <summary>The accepted action names, for messages.</summary>
    public const string Actions = "bypass, engage, bypass-toggle, next-preset, previous-preset, tuner";

    private readonly MidiTarget[] _targets;

    /// <summary>Creates a map.</summary>
    /// <param name="channel">-1 for omni, else 0..15.</param>
    /// <param name="targets">128 entries.</param>
    public MidiMap(int channel, MidiTarget[] targets)
    {
        if (channel is < -1 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(channel));
        }

        if (targets.Length != 128)
        {
            throw new ArgumentException("128 targets", nameof(targets));
        }

        Channel = channel;
        _targets = targets;
    }

    /// <summary>An empty map (omni, nothing mapped).</summary>
    public static MidiMap Empty { get; } = new(-1, new MidiTarget[128]);

    /// <summary>-1 for omni, else the channel 0..15.</summary>
    public int Channel { get; }

    /// <summary>True when a message on channel 0..15 is for the pedal.</summary>
    public bool Accepts(int channel) => Channel < 0 || Channel == channel;

    /// <summary>What Control Change <paramref name="cc"/> (0..127) does.</summary>
    public MidiTarget this[int cc] => _targets[cc];

    /// <summary>The mapped Control Changes, in number order.</summary>
    public IEnumerable<(int Cc, MidiTarget Target)> Mapped()
    {
        for (var i = 0; i < 128; i++)
        {
            if (_targets[i].Kind != MidiTargetKind.None)
            {
                yield return (i, _targets[i]);
            }
        }
    }

    /// <summary>A copy with Control Change <paramref name="cc"/> set (or cleared with <see cref="MidiTargetKind.None"/>).</summary>
    public MidiMap With(int cc, MidiTarget target)
    {
        var copy = (MidiTarget[])_targets.Clone();
        copy[cc] = target;
        return new MidiMap(Channel, copy);
    }

    /// <summary>Resolves a target name (parameter or action); the parameter takes the mapping of the knob that drives it,
    /// else its knob range, linear. False with <paramref name="error"/> for an unknown name.</summary>
    public static bool TryResolve(string? name, IReadOnlyList<KnobBinding> knobs, out MidiTarget target, out string error)
    {
        error = "";
        target = default;
        switch (name)
        {
            case "bypass": target = new(MidiTargetKind.Bypass, default, null); return true;
            case "engage": target = new(MidiTargetKind.Engage, default, null); return true;
            case "bypass-toggle": target = new(MidiTargetKind.BypassToggle, default, null); return true;
            case "next-preset": target = new(MidiTargetKind.NextPreset, default, null); return true;
            case "previous-preset": target = new(MidiTargetKind.PreviousPreset, default, null); return true;
            case "tuner": target = new(MidiTargetKind.Tuner, default, null); return true;
        }

        if (string.IsNullOrWhiteSpace(name) || !Parameters.TryFind(name, out var info))
        {
            error = $"unknown parameter or action \"{name}\" (a parameter: {string.Join(", ", Parameters.All.Select(p => p.Name))}, or their friendly names; or an action: {Actions})";
            return false;
        }

        KnobMapping? mapping = null;
        foreach (var k in knobs)
        {
            if (k.Parameter == info.Id)
            {
                mapping = k.Mapping;
            }
        }

        target = new(MidiTargetKind.Parameter, info.Id, mapping ?? new KnobMapping(info.KnobMin, info.KnobMax, KnobTaper.Linear));
        return true;
    }

    /// <summary>Parses a Control Change number key ("11"): 1..127 except 32 (0 and 32 are Bank Select).</summary>
    public static bool TryParseCc(string key, out int cc, out string error)
    {
        error = "";
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out cc) || cc > 127)
        {
            error = $"\"{key}\" is not a Control Change number 0..127";
            return false;
        }

        if (cc is 0 or 32)
        {
            error = $"CC {cc} is Bank Select (it picks the bank of the next Program Change) and cannot be mapped";
            return false;
        }

        return true;
    }
}
