namespace GruPedalPi.Firmware.Bindings;

/// <summary>One resolved footswitch: its pin and gestures.</summary>
/// <param name="Pin">BCM GPIO number.</param>
/// <param name="DebounceMs">Debounce window, 5..100 ms.</param>
/// <param name="HoldMs">Time down that makes a hold, 200..5000 ms.</param>
/// <param name="Tap">What a tap does.</param>
/// <param name="Hold">What a hold does.</param>
/// <param name="TapOnPress">True: the tap acts on the press; false: on a release before the hold time.</param>
public sealed record FootswitchBinding(int Pin, double DebounceMs, double HoldMs, FootswitchGesture Tap, FootswitchGesture Hold, bool TapOnPress);
