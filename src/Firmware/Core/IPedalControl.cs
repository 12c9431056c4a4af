using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Core;

/// <summary>
/// The one place every control source (knobs and footswitch on the control thread, the socket on the
/// host's threads) changes the running pedal. Implementations hand values to the audio thread through a
/// preallocated lock-free queue; none of these methods blocks on the audio thread. Thread-safe.
/// </summary>
public interface IPedalControl
{
    /// <summary>The current target settings (what the chain is playing or ramping to).</summary>
    PedalSettings Settings { get; }

    /// <summary>True while the effect is bypassed.</summary>
    bool Bypassed { get; }

    /// <summary>The name of the last loaded preset, or null.</summary>
    string? CurrentPreset { get; }

    /// <summary>Sets one parameter (clamped to its preset range). After a socket change, a knob waits for pickup.</summary>
    void SetParameter(ParameterId id, float value, ControlSource source);

    /// <summary>Bypasses (true) or engages (false) the effect with a click-free crossfade.</summary>
    void SetBypass(bool bypassed, ControlSource source);

    /// <summary>Loads a whole preset: the chain crossfades to it; knobs wait for pickup.</summary>
    void LoadPreset(string name, in PedalSettings settings, ControlSource source);

    /// <summary>Raised after any change, on the thread that made it, with its source. Handlers must not block.</summary>
    event Action<ControlSource>? Changed;

    /// <summary>A snapshot of the real-time statistics (allocates: for the control plane, not the audio thread).</summary>
    /// <param name="exactAllocations">True: count the bytes allocated exactly, which pauses every managed thread for a
    /// moment, the audio callback's included (tens of microseconds, milliseconds on a loaded machine): for occasional
    /// readers (<c>status</c>, the end of a run). False: the count as of the supervisor's last tick, in steps of an
    /// allocation context (about 8 KB), with no pause: for frequent readers (the live view).</param>
    StatusSnapshot GetStatus(bool exactAllocations);
}
