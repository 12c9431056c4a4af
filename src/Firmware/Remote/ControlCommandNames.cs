using System.Text.Json;

namespace GruPedalPi.Firmware.Remote;

/// <summary>The wire names of the protocol's commands (the "cmd" field) as the server reads them.</summary>
internal static class ControlCommandNames
{
    /// <summary>The command a reader positioned on the "cmd" string names, without allocating.</summary>
    /// <param name="r">A reader on the value of "cmd" (a string token).</param>
    /// <returns>The command, or <see cref="ControlCommand.None"/> for a name the protocol does not have.</returns>
    public static ControlCommand Match(ref Utf8JsonReader r) =>
        r.ValueTextEquals("ping"u8) ? ControlCommand.Ping
        : r.ValueTextEquals("status"u8) ? ControlCommand.Status
        : r.ValueTextEquals("get"u8) ? ControlCommand.Get
        : r.ValueTextEquals("set"u8) ? ControlCommand.Set
        : r.ValueTextEquals("bypass"u8) ? ControlCommand.Bypass
        : r.ValueTextEquals("preset.list"u8) ? ControlCommand.PresetList
        : r.ValueTextEquals("preset.show"u8) ? ControlCommand.PresetShow
        : r.ValueTextEquals("preset.load"u8) ? ControlCommand.PresetLoad
        : r.ValueTextEquals("preset.save"u8) ? ControlCommand.PresetSave
        : r.ValueTextEquals("preset.rm"u8) ? ControlCommand.PresetRemove
        : r.ValueTextEquals("preset.rename"u8) ? ControlCommand.PresetRename
        : r.ValueTextEquals("setlist.show"u8) ? ControlCommand.SetListShow
        : r.ValueTextEquals("setlist.set"u8) ? ControlCommand.SetListSet
        : r.ValueTextEquals("setlist.add"u8) ? ControlCommand.SetListAdd
        : r.ValueTextEquals("setlist.remove"u8) ? ControlCommand.SetListRemove
        : r.ValueTextEquals("setlist.move"u8) ? ControlCommand.SetListMove
        : r.ValueTextEquals("midi.learn"u8) ? ControlCommand.MidiLearn
        : r.ValueTextEquals("midi.list"u8) ? ControlCommand.MidiList
        : r.ValueTextEquals("midi.forget"u8) ? ControlCommand.MidiForget
        : r.ValueTextEquals("midi.monitor"u8) ? ControlCommand.MidiMonitor
        : r.ValueTextEquals("expression.read"u8) ? ControlCommand.ExpressionRead
        : r.ValueTextEquals("expression.calibrate"u8) ? ControlCommand.ExpressionCalibrate
        : r.ValueTextEquals("setlist.next"u8) ? ControlCommand.SetListNext
        : r.ValueTextEquals("setlist.previous"u8) ? ControlCommand.SetListPrevious
        : r.ValueTextEquals("monitor"u8) ? ControlCommand.Monitor
        : r.ValueTextEquals("tuner"u8) ? ControlCommand.Tuner
        : ControlCommand.None;
}
