using System.Text.Json;

namespace GruPedalPi.Firmware.Configuration;

/// <summary>MIDI in (<c>"midi"</c>): which channel to listen to, what each Control Change does, and the inputs.</summary>
public sealed class MidiConfig
{
    /// <summary><c>"omni"</c> (every channel) or a channel 1..16.</summary>
    public JsonElement? Channel { get; set; }

    /// <summary>Control Change number (<c>"0"</c>..<c>"127"</c>) to a parameter (canonical or friendly name: <c>"drive"</c>,
    /// <c>"level"</c>) or an action: <c>"bypass"</c> (value 64..127 bypassed, 0..63 engaged), <c>"engage"</c> (64..127
    /// effect on), <c>"bypass-toggle"</c> (each value from 64 up after one below toggles), <c>"next-preset"</c>,
    /// <c>"previous-preset"</c> (on a value from 64 up). CC 0 and 32 are Bank Select and cannot be mapped.</summary>
    public Dictionary<string, string> Cc { get; set; } = [];

    /// <summary>Read MIDI from the ALSA sequencer (a port named <c>gru-pedal</c> subscribed to every source). Default true.</summary>
    public bool Sequencer { get; set; } = true;

    /// <summary>A raw MIDI byte stream to read as well: a serial DIN input (<c>/dev/ttyAMA0</c> with the
    /// <c>midi-uart0</c> overlay) or a raw MIDI device (<c>/dev/snd/midiC1D0</c>); null for none.</summary>
    public string? Serial { get; set; }
}
