using System.Text.Json;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Remote;

/// <summary>Writes the protocol's <c>tuner</c> object (in <c>tuner</c> and <c>monitor</c> responses). Allocation-free.</summary>
internal static class TunerJson
{
    /// <summary>The "tuner" object: engaged, muted, the reference, and the note (null fields without a pitch).</summary>
    public static void Write(Utf8JsonWriter w, in TunerState t)
    {
        w.WriteStartObject("tuner"u8);
        w.WriteBoolean("engaged"u8, t.Engaged);
        w.WriteBoolean("muted"u8, t.Muted);
        w.WriteNumber("reference_a4_hz"u8, t.ReferenceA4Hz);
        if (t.HasPitch)
        {
            w.WriteString("note"u8, t.NoteName);
            w.WriteNumber("octave"u8, t.Octave);
            w.WriteNumber("cents"u8, Math.Round(t.Cents, 1));
            w.WriteNumber("frequency_hz"u8, Math.Round(t.FrequencyHz, 2));
            w.WriteBoolean("stable"u8, t.Stable);
        }
        else
        {
            w.WriteNull("note"u8);
            w.WriteNull("octave"u8);
            w.WriteNull("cents"u8);
            w.WriteNull("frequency_hz"u8);
            w.WriteBoolean("stable"u8, false);
        }

        w.WriteNumber("detections"u8, t.Detections);
        w.WriteEndObject();
    }
}
