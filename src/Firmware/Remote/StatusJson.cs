using System.Text.Json;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Remote;

/// <summary>The parts of the socket's status that <c>status</c> and <c>monitor</c> both write, written once. Allocation-free.</summary>
internal static class StatusJson
{
    /// <summary>Writes <c>"state"</c> (playing, starting, fault, stopped) and <c>"fault"</c> (the text, or null).</summary>
    public static void WriteState(Utf8JsonWriter w, AudioState state, string? fault)
    {
        w.WriteString("state"u8, AudioStateNames.Utf8(state));
        if (fault is null)
        {
            w.WriteNull("fault"u8);
        }
        else
        {
            w.WriteString("fault"u8, fault);
        }
    }

    /// <summary>Writes <c>"setlist": {"position", "count"}</c> (position 1..count, 0 when the current sound is in no entry).</summary>
    public static void WriteSetList(Utf8JsonWriter w, int position, int count)
    {
        w.WriteStartObject("setlist"u8);
        w.WriteNumber("position"u8, position);
        w.WriteNumber("count"u8, count);
        w.WriteEndObject();
    }

    /// <summary>Writes <c>"midi"</c> (the MIDI input's status) and <c>"health"</c> (the machine's temperature and
    /// throttling), each only when the service has that part.</summary>
    public static void WriteMidiAndHealth(Utf8JsonWriter w, Midi.IMidiControl? midi, Health.SystemHealthReader? health)
    {
        if (midi is not null)
        {
            w.WriteStartObject("midi"u8);
            midi.WriteStatus(w);
            w.WriteEndObject();
        }

        if (health is not null)
        {
            HealthJson.Write(w, health.Read());
        }
    }
}
