using System.Text;
using System.Text.Json;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// The wire names of the protocol's commands (the "cmd" field), the one place they are spelled: the server matches
/// them (<see cref="Match"/>), the clients build their requests from them (<see cref="ControlRequestBuilder"/>), the
/// unknown-command error lists them, and a test holds the protocol's documentation to them.
/// </summary>
public static class ControlCommandNames
{
    private static readonly (ControlCommand Command, string Name)[] Table =
    [
        (ControlCommand.Ping, "ping"),
        (ControlCommand.Status, "status"),
        (ControlCommand.Get, "get"),
        (ControlCommand.Set, "set"),
        (ControlCommand.Bypass, "bypass"),
        (ControlCommand.PresetList, "preset.list"),
        (ControlCommand.PresetShow, "preset.show"),
        (ControlCommand.PresetLoad, "preset.load"),
        (ControlCommand.PresetSave, "preset.save"),
        (ControlCommand.PresetRemove, "preset.rm"),
        (ControlCommand.PresetRename, "preset.rename"),
        (ControlCommand.SetListShow, "setlist.show"),
        (ControlCommand.SetListSet, "setlist.set"),
        (ControlCommand.SetListAdd, "setlist.add"),
        (ControlCommand.SetListRemove, "setlist.remove"),
        (ControlCommand.SetListMove, "setlist.move"),
        (ControlCommand.MidiLearn, "midi.learn"),
        (ControlCommand.MidiList, "midi.list"),
        (ControlCommand.MidiForget, "midi.forget"),
        (ControlCommand.MidiMonitor, "midi.monitor"),
        (ControlCommand.ExpressionRead, "expression.read"),
        (ControlCommand.ExpressionCalibrate, "expression.calibrate"),
        (ControlCommand.SetListNext, "setlist.next"),
        (ControlCommand.SetListPrevious, "setlist.previous"),
        (ControlCommand.Monitor, "monitor"),
        (ControlCommand.Tuner, "tuner"),
    ];

    // The names as UTF-8, indexed like Table, for the allocation-free match.
    private static readonly byte[][] Utf8Names = Table.Select(e => Encoding.UTF8.GetBytes(e.Name)).ToArray();

    /// <summary>Every command with its wire name, in the order the unknown-command error lists them.</summary>
    public static IReadOnlyList<(ControlCommand Command, string Name)> All { get; } = Array.AsReadOnly(Table);

    /// <summary>The commands' names separated by commas (for the unknown-command error).</summary>
    public static string List { get; } = string.Join(", ", Table.Select(e => e.Name));

    /// <summary>The wire name of <paramref name="command"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ControlCommand.None"/> or a value the protocol does not have.</exception>
    public static string Name(ControlCommand command)
    {
        foreach (var (c, name) in Table)
        {
            if (c == command)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(command), command, "not a command of the control protocol");
    }

    /// <summary>The command a reader positioned on the "cmd" string names, without allocating.</summary>
    /// <param name="r">A reader on the value of "cmd" (a string token).</param>
    /// <returns>The command, or <see cref="ControlCommand.None"/> for a name the protocol does not have.</returns>
    internal static ControlCommand Match(ref Utf8JsonReader r)
    {
        for (int i = 0; i < Utf8Names.Length; i++)
        {
            if (r.ValueTextEquals(Utf8Names[i]))
            {
                return Table[i].Command;
            }
        }

        return ControlCommand.None;
    }
}
