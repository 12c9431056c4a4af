namespace GruPedalPi.Hardware.Controls;

/// <summary>
/// Debounces a momentary footswitch from its raw edges and recognises press, hold and release.
/// A press or release is reported on its first edge (no latency); the edges that follow within the debounce
/// window are contact bounce and are ignored; when the window ends, the raw level is checked again so that a
/// press shorter than the window still gets its release (and a release that bounced back becomes a press).
/// Times are microseconds on one monotonic clock; edges must arrive in time order. Pure and allocation-free.
/// </summary>
public sealed class FootswitchLogic
{
    private readonly long _debounceUs;
    private readonly long _holdUs;
    private readonly IFootswitchHandler _handler;
    private bool _pressed;
    private bool _rawPressed;
    private long _windowEndUs;
    private bool _windowOpen;
    private long _pressTimeUs;
    private bool _holdFired;

    /// <summary>Creates the logic.</summary>
    /// <param name="debounceMs">Debounce window after each accepted edge, 1..100 ms (bursts shorter than this are one edge).</param>
    /// <param name="holdMs">Time down that makes a hold, greater than the debounce window.</param>
    /// <param name="handler">Receives the gestures.</param>
    /// <param name="initiallyPressed">The switch's level at start (a switch held at power-up is not a press).</param>
    public FootswitchLogic(double debounceMs, double holdMs, IFootswitchHandler handler, bool initiallyPressed = false)
    {
        if (!(debounceMs >= 1 && debounceMs <= 100) || !(holdMs > debounceMs))
        {
            throw new ArgumentOutOfRangeException(nameof(holdMs), $"debounce {debounceMs} ms / hold {holdMs} ms out of range");
        }

        _debounceUs = (long)Math.Round(debounceMs * 1000);
        _holdUs = (long)Math.Round(holdMs * 1000);
        _handler = handler;
        _pressed = initiallyPressed;
        _rawPressed = initiallyPressed;
        // A switch held at start-up counts as already held: no hold action until it has been released.
        _holdFired = initiallyPressed;
    }

    /// <summary>The debounced state: true while the switch is down.</summary>
    public bool IsPressed => _pressed;

    /// <summary>One raw edge.</summary>
    /// <param name="timeUs">Time of the edge (microseconds).</param>
    /// <param name="pressed">The raw level after the edge: true when the contact is closed.</param>
    public void OnEdge(long timeUs, bool pressed)
    {
        Update(timeUs);
        _rawPressed = pressed;
        if (_windowOpen && timeUs < _windowEndUs)
        {
            return; // bounce
        }

        if (pressed != _pressed)
        {
            Transition(timeUs, pressed);
        }
    }

    /// <summary>Advances time: closes debounce windows and recognises holds up to <paramref name="nowUs"/>.</summary>
    public void Update(long nowUs)
    {
        while (_windowOpen && nowUs >= _windowEndUs)
        {
            _windowOpen = false;
            var end = _windowEndUs;
            CheckHold(end);
            if (_rawPressed != _pressed)
            {
                Transition(end, _rawPressed);
            }
        }

        CheckHold(nowUs);
    }

    private void CheckHold(long nowUs)
    {
        if (_pressed && !_holdFired && nowUs - _pressTimeUs >= _holdUs)
        {
            _holdFired = true;
            _handler.OnHold(_pressTimeUs + _holdUs);
        }
    }

    private void Transition(long timeUs, bool pressed)
    {
        _pressed = pressed;
        _windowOpen = true;
        _windowEndUs = timeUs + _debounceUs;
        if (pressed)
        {
            _pressTimeUs = timeUs;
            _holdFired = false;
            _handler.OnPress(timeUs);
        }
        else
        {
            _handler.OnRelease(timeUs, _holdFired);
        }
    }
}
