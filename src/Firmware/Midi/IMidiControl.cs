using System.Text.Json;

namespace GruPedalPi.Firmware.Midi;

/// <summary>What the control socket asks of the running pedal's MIDI input and expression pedal (the service's
/// <c>MidiService</c>). Status writing is allocation-free; the rest runs on a socket thread and may allocate.</summary>
public interface IMidiControl
{
    /// <summary>Writes the "midi" status fields (sources, messages, last message) into the open object. Allocation-free.</summary>
    void WriteStatus(Utf8JsonWriter w);

    /// <summary>Maps the next Control Change to <paramref name="target"/> (a parameter or an action) and saves it; waits up to
    /// <paramref name="timeout"/>. Returns the CC number and the target's canonical name in <paramref name="targetName"/>
    /// (as <c>midi.list</c> shows it: "drive" is "wh"), or -1 with <paramref name="error"/> (unknown target, timeout,
    /// MIDI off).</summary>
    int Learn(string target, TimeSpan timeout, out string targetName, out string error);

    /// <summary>Writes the mapping as a "cc" array of {cc, target, origin} objects.</summary>
    void WriteMap(Utf8JsonWriter w);

    /// <summary>Unmaps Control Change <paramref name="cc"/> (learned or configured) and saves it; false with <paramref name="error"/>.</summary>
    bool Forget(int cc, out string error);

    /// <summary>Writes the messages from sequence number <paramref name="since"/> on as a "messages" array, and "next".</summary>
    void WriteMonitor(Utf8JsonWriter w, long since);

    /// <summary>The expression pedal's filtered reading (0..1023), NaN without a pedal.</summary>
    double ExpressionReading { get; }

    /// <summary>Saves and applies a calibration (the readings at the heel and the toe); false with <paramref name="error"/>.</summary>
    bool Calibrate(double heelRaw, double toeRaw, out string error);
}
