namespace GruPedalPi.Hardware.Controls;

/// <summary>Receives the debounced gestures of a <see cref="FootswitchLogic"/> (on the control thread).</summary>
public interface IFootswitchHandler
{
    /// <summary>The switch went down (reported on the first edge: no added latency).</summary>
    /// <param name="timeUs">Time of the press in microseconds on the control clock.</param>
    void OnPress(long timeUs);

    /// <summary>The switch has been held down for the hold time (reported once per press).</summary>
    /// <param name="timeUs">Time the press became a hold (press time + hold time), in microseconds; it is reported at the first update at or after it.</param>
    void OnHold(long timeUs);

    /// <summary>The switch came up.</summary>
    /// <param name="timeUs">Time of the release in microseconds.</param>
    /// <param name="wasHold">True when <see cref="OnHold"/> was reported for this press.</param>
    void OnRelease(long timeUs, bool wasHold);
}
