using System.Device.Gpio;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Hardware.Gpio;

/// <summary>
/// A momentary footswitch on a GPIO input with the internal pull-up (pressed = low), interrupt-driven: the
/// controller's edge callback stamps each edge with the <see cref="TimeProvider"/>'s timestamp and hands it to
/// the control thread through a lock-free <see cref="EdgeQueue"/>. The callback runs no logic, takes no lock
/// and allocates nothing; it may invoke a wake-up action so the control thread reacts at once.
/// </summary>
public sealed class FootswitchInput : IDisposable
{
    private readonly GpioController _gpio;
    private readonly TimeProvider _time;
    private readonly PinChangeEventHandler _callback;
    private Action? _wake;
    private bool _disposed;

    /// <summary>Opens the pin as a pull-up input and registers for both edges.</summary>
    /// <param name="gpio">The controller (not owned).</param>
    /// <param name="pin">BCM GPIO number of the switch (the other contact goes to ground).</param>
    /// <param name="time">Clock that stamps the edges.</param>
    public FootswitchInput(GpioController gpio, int pin, TimeProvider time)
    {
        _gpio = gpio ?? throw new ArgumentNullException(nameof(gpio));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Pin = pin;
        if (pin < 0 || pin >= gpio.PinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"GPIO {pin} does not exist (0..{gpio.PinCount - 1})");
        }

        if (!gpio.IsPinModeSupported(pin, PinMode.InputPullUp))
        {
            throw new InvalidOperationException($"GPIO {pin} does not support an input with pull-up (footswitch)");
        }

        gpio.OpenPin(pin, PinMode.InputPullUp);
        _callback = OnEdge;
        gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, _callback);
    }

    /// <summary>The BCM GPIO number.</summary>
    public int Pin { get; }

    /// <summary>The edges, for the control thread.</summary>
    public EdgeQueue Edges { get; } = new();

    /// <summary>Called on the callback thread after each edge is queued (e.g. to wake the control thread). Set before edges arrive.</summary>
    public Action? Wake
    {
        get => _wake;
        set => _wake = value;
    }

    /// <summary>Reads the pin now: true while the switch is down (level low).</summary>
    public bool ReadPressed() => _gpio.Read(Pin) == PinValue.Low;

    private void OnEdge(object sender, PinValueChangedEventArgs e)
    {
        var high = e.ChangeType == PinEventTypes.Rising;
        Edges.TryEnqueue(_time.GetTimestamp(), high);
        _wake?.Invoke();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _gpio.UnregisterCallbackForPinValueChangedEvent(Pin, _callback);
            _gpio.ClosePin(Pin);
        }
        catch (ObjectDisposedException)
        {
            // The controller went first.
        }
    }
}
