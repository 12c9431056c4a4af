namespace GruPedalPi.Firmware.Core;

/// <summary>Where a change to the pedal came from (the last change wins, whatever its source).</summary>
public enum ControlSource
{
    /// <summary>A knob on the pedal.</summary>
    Knob,
    /// <summary>The footswitch.</summary>
    Footswitch,
    /// <summary>The control socket (the command line over SSH).</summary>
    Socket,
    /// <summary>Start-up: saved state or command-line options.</summary>
    Startup,
    /// <summary>A MIDI controller (program or control change).</summary>
    Midi,
    /// <summary>The expression pedal.</summary>
    Expression,
}
