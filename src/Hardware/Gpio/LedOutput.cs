using System.Device.Gpio;

namespace GruPedalPi.Hardware.Gpio;

/// <summary>
/// The status LED on a GPIO output (through a series resistor to ground, lit when high, unless active-low).
/// Writes go through <see cref="GpioController.Write(ReadOnlySpan{PinValuePair})"/>: the single-pin
/// <c>Write(int, PinValue)</c> of System.Device.Gpio 4.2.0 records the value in a ConcurrentDictionary whose
/// nullable struct values are not written atomically, which allocates a node on every write; the span overload
/// goes straight to the driver. Only changes are written.
/// </summary>
public sealed class LedOutput : IDisposable
{
    private readonly GpioController _gpio;
    private readonly bool _activeHigh;
    private readonly PinValuePair[] _pair = new PinValuePair[1];
    private bool _lit;
    private bool _disposed;

    /// <summary>Opens the pin as an output, dark.</summary>
    /// <param name="gpio">The controller (not owned).</param>
    /// <param name="pin">BCM GPIO number.</param>
    /// <param name="activeHigh">True when a high level lights the LED (GPIO to resistor to LED to ground).</param>
    public LedOutput(GpioController gpio, int pin, bool activeHigh = true)
    {
        _gpio = gpio ?? throw new ArgumentNullException(nameof(gpio));
        if (pin < 0 || pin >= gpio.PinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"GPIO {pin} does not exist (0..{gpio.PinCount - 1})");
        }

        if (!gpio.IsPinModeSupported(pin, PinMode.Output))
        {
            throw new InvalidOperationException($"GPIO {pin} cannot be an output (LED)");
        }

        Pin = pin;
        _activeHigh = activeHigh;
        gpio.OpenPin(pin, PinMode.Output, activeHigh ? PinValue.Low : PinValue.High);
        Write(false);
    }

    /// <summary>The BCM GPIO number.</summary>
    public int Pin { get; }

    /// <summary>True while lit.</summary>
    public bool IsLit => _lit;

    /// <summary>Lights or darkens the LED (writes only when it changes).</summary>
    public void Set(bool lit)
    {
        if (lit != _lit)
        {
            Write(lit);
        }
    }

    private void Write(bool lit)
    {
        _lit = lit;
        _pair[0] = new PinValuePair(Pin, lit == _activeHigh ? PinValue.High : PinValue.Low);
        _gpio.Write(_pair);
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
            Write(false);
            _gpio.ClosePin(Pin);
        }
        catch (ObjectDisposedException)
        {
            // The controller went first.
        }
    }
}
