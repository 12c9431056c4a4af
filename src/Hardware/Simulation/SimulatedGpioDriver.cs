using System.Device.Gpio;

namespace GruPedalPi.Hardware.Simulation;

/// <summary>
/// A GPIO driver for machines without the pins: the real <see cref="GpioController"/> runs on top of it.
/// Pins 0..<see cref="PinCount"/>-1 support input, input with pull-up or pull-down, and output. The outside
/// world drives inputs with <see cref="SetInput"/> (a switch closing to ground drives low; open, a pull-up
/// reads high); each change raises the registered callbacks with the right edge type, on the caller's thread,
/// with preallocated event arguments (allocation-free). Outputs record their level.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly int _pinCount;
    private readonly PinMode[] _modes;
    private readonly bool[] _open;
    private readonly bool[] _outputHigh;
    private readonly int[] _driven; // -1 floating (the pull decides), 0 low, 1 high
    private readonly bool[] _lastInputHigh;
    private readonly List<(PinEventTypes Types, PinChangeEventHandler Handler)>[] _callbacks;
    private readonly PinValueChangedEventArgs[] _risingArgs;
    private readonly PinValueChangedEventArgs[] _fallingArgs;
    private readonly object _gate = new();
    private long _outputWrites;

    /// <summary>Creates a driver with the Pi header's GPIO 0..27 (or another count).</summary>
    public SimulatedGpioDriver(int pinCount = 28)
    {
        if (pinCount < 1 || pinCount > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(pinCount));
        }

        _pinCount = pinCount;
        _modes = new PinMode[pinCount];
        _open = new bool[pinCount];
        _outputHigh = new bool[pinCount];
        _driven = new int[pinCount];
        _lastInputHigh = new bool[pinCount];
        _callbacks = new List<(PinEventTypes, PinChangeEventHandler)>[pinCount];
        _risingArgs = new PinValueChangedEventArgs[pinCount];
        _fallingArgs = new PinValueChangedEventArgs[pinCount];
        for (var i = 0; i < pinCount; i++)
        {
            _driven[i] = -1;
            _modes[i] = PinMode.Input;
            _callbacks[i] = [];
            _risingArgs[i] = new PinValueChangedEventArgs(PinEventTypes.Rising, i);
            _fallingArgs[i] = new PinValueChangedEventArgs(PinEventTypes.Falling, i);
        }
    }

    /// <inheritdoc />
    protected override int PinCount => _pinCount;

    /// <summary>Writes that reached an output pin so far.</summary>
    public long OutputWrites => Interlocked.Read(ref _outputWrites);

    /// <summary>The level an output pin drives (false for a pin that is not an output).</summary>
    public bool GetOutput(int pin)
    {
        Check(pin);
        return _modes[pin] == PinMode.Output && Volatile.Read(ref _outputHigh[pin]);
    }

    /// <summary>The mode a pin is in.</summary>
    public PinMode GetMode(int pin)
    {
        Check(pin);
        return _modes[pin];
    }

    /// <summary>True when the pin is open.</summary>
    public bool IsOpen(int pin)
    {
        Check(pin);
        return _open[pin];
    }

    /// <summary>Drives an input from outside (true = high); raises the edge callbacks when its level changes.</summary>
    public void SetInput(int pin, bool high) => Drive(pin, high ? 1 : 0);

    /// <summary>Stops driving an input: its pull-up or pull-down decides the level.</summary>
    public void ReleaseInput(int pin) => Drive(pin, -1);

    private void Drive(int pin, int level)
    {
        Check(pin);
        PinValueChangedEventArgs? args = null;
        List<(PinEventTypes Types, PinChangeEventHandler Handler)> callbacks;
        lock (_gate)
        {
            _driven[pin] = level;
            var high = InputLevel(pin);
            if (high != _lastInputHigh[pin])
            {
                _lastInputHigh[pin] = high;
                args = high ? _risingArgs[pin] : _fallingArgs[pin];
            }

            callbacks = _callbacks[pin];
        }

        if (args is null || !_open[pin] || _modes[pin] == PinMode.Output)
        {
            return;
        }

        for (var i = 0; i < callbacks.Count; i++)
        {
            var (types, handler) = callbacks[i];
            if ((types & args.ChangeType) != 0)
            {
                handler(this, args);
            }
        }
    }

    private bool InputLevel(int pin) => _driven[pin] switch
    {
        0 => false,
        1 => true,
        _ => _modes[pin] == PinMode.InputPullUp,
    };

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber)
    {
        Check(pinNumber);
        lock (_gate)
        {
            _open[pinNumber] = true;
        }
    }

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber)
    {
        Check(pinNumber);
        lock (_gate)
        {
            _open[pinNumber] = false;
            _modes[pinNumber] = PinMode.Input;
            _callbacks[pinNumber] = [];
        }
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        Check(pinNumber);
        if (!IsPinModeSupported(pinNumber, mode))
        {
            throw new InvalidOperationException($"simulated GPIO {pinNumber} does not support {mode}");
        }

        lock (_gate)
        {
            _modes[pinNumber] = mode;
            _lastInputHigh[pinNumber] = InputLevel(pinNumber);
        }
    }

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        Check(pinNumber);
        return _modes[pinNumber];
    }

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        pinNumber >= 0 && pinNumber < _pinCount
        && mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber)
    {
        Check(pinNumber);
        lock (_gate)
        {
            var high = _modes[pinNumber] == PinMode.Output ? _outputHigh[pinNumber] : InputLevel(pinNumber);
            return high ? PinValue.High : PinValue.Low;
        }
    }

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value)
    {
        Check(pinNumber);
        if (_modes[pinNumber] != PinMode.Output)
        {
            return; // as on the chip: a write to an input only sets the latch
        }

        Volatile.Write(ref _outputHigh[pinNumber], value == PinValue.High);
        Interlocked.Increment(ref _outputWrites);
    }

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        Check(pinNumber);
        using var signal = new ManualResetEventSlim(false);
        var seen = PinEventTypes.None;
        PinChangeEventHandler handler = (_, e) =>
        {
            seen = e.ChangeType;
            signal.Set();
        };
        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, handler);
        try
        {
            signal.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = seen, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, handler);
        }
    }

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        Check(pinNumber);
        lock (_gate)
        {
            // Copy on write: the edge path iterates a list that is never modified.
            _callbacks[pinNumber] = [.. _callbacks[pinNumber], (eventTypes, callback)];
        }
    }

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        Check(pinNumber);
        lock (_gate)
        {
            var list = new List<(PinEventTypes, PinChangeEventHandler)>(_callbacks[pinNumber]);
            list.RemoveAll(c => c.Item2 == callback);
            _callbacks[pinNumber] = list;
        }
    }

    private void Check(int pin)
    {
        if ((uint)pin >= (uint)_pinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"simulated GPIO has pins 0..{_pinCount - 1}");
        }
    }
}
