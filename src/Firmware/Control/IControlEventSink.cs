using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// Receives what the control surface does, for the simulator's event stream and for tests. The surface reports
/// pickups and LED modes; <see cref="RecordingPedalControl"/> reports parameter, bypass and preset changes.
/// Called on the control thread; implementations used in steady state must not allocate.
/// </summary>
public interface IControlEventSink
{
    /// <summary>A parameter changed.</summary>
    void OnParameter(ParameterId id, float value, ControlSource source);

    /// <summary>Bypass changed.</summary>
    void OnBypass(bool bypassed, ControlSource source);

    /// <summary>A preset was loaded.</summary>
    void OnPreset(string name, ControlSource source);

    /// <summary>What the LED shows changed.</summary>
    void OnLed(LedMode mode);

    /// <summary>A knob took over its parameter (after a preset load or a socket change).</summary>
    void OnPickup(ParameterId id);
}
