using GruPedalPi.Dsp;

namespace GruPedalPi.Firmware.Core;

/// <summary>The physical knobs as the live view sees them: what each one controls, where it stands and whether it
/// waits for pickup. Read from the socket's threads while the control thread scans: every member is a plain read
/// that allocates nothing.</summary>
public interface IKnobPanel
{
    /// <summary>The number of knobs, 0..8.</summary>
    int KnobCount { get; }

    /// <summary>The parameter knob <paramref name="knob"/> (0..<see cref="KnobCount"/>-1) controls.</summary>
    ParameterId KnobParameter(int knob);

    /// <summary>The knob's filtered position, 0 (fully counter-clockwise) to 1 (fully clockwise).</summary>
    double KnobPosition(int knob);

    /// <summary>True while the knob waits for pickup: the sound follows the preset (or the socket) until the knob
    /// passes the value it plays.</summary>
    bool KnobWaiting(int knob);
}
