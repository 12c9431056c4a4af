using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Adc;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// The expression pedal of a <see cref="ControlSurface"/>: its converter channel and filter, its calibration, what it
/// drives now (the preset's mapping or the configuration's default) and the last value it sent. The mapping and the
/// calibration are kept without a pedal too (the socket and the presets still set them).
/// <para>Threading: <see cref="Scan"/> and <see cref="Drive"/> on the control thread; <see cref="Calibration"/>,
/// <see cref="Mapping"/>, <see cref="Reading"/> and <see cref="Changes"/> from any thread. Allocation-free in steady
/// state.</para>
/// </summary>
internal sealed class ExpressionInput
{
    private readonly IKnobAdc? _adc;
    private readonly IPedalControl _pedal;
    private readonly double _scale;
    private readonly int _channel = -1;
    private readonly KnobFilter? _filter;
    private ExpressionCalibration _calibration;
    private ExpressionMapping? _mapping;
    private float _value = float.NaN;
    private long _changes;

    /// <summary>Builds the expression input and, when a channel is configured, reads the pedal once.</summary>
    /// <param name="options">The expression channel (or none), the filter, the default mapping and the calibration.</param>
    /// <param name="adc">The converter, or null when there is none.</param>
    /// <param name="scale">Converter codes to the filter's 0..1023 scale (<see cref="KnobFilter.FullScale"/> over the
    /// converter's full scale).</param>
    /// <param name="knobs">The knobs (the pedal's channel must be one they leave free).</param>
    /// <param name="pedal">What the expression pedal changes.</param>
    public ExpressionInput(ControlSurfaceOptions options, IKnobAdc? adc, double scale, KnobBank knobs, IPedalControl pedal)
    {
        _adc = adc;
        _pedal = pedal;
        _scale = scale;
        if (options.ExpressionChannel is { } ex)
        {
            if (adc is null || ex < 0 || ex >= adc.ChannelCount || knobs.UsesChannel(ex))
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"expression channel {ex} is not a free channel of the {adc?.Name ?? "(no ADC)"}");
            }

            _channel = ex;
            _filter = new KnobFilter(options.Filter);
            _filter.Reset(adc.Read(ex) * _scale);
        }

        _calibration = options.Calibration.IsValid ? options.Calibration : ExpressionCalibration.Default;
        _mapping = options.Expression;
    }

    /// <summary>True when an expression pedal is configured.</summary>
    public bool IsConnected => _filter is not null;

    /// <summary>The pedal's filtered reading on the 0..1023 scale (NaN without a pedal). Any thread (a torn read is at
    /// worst one scan old).</summary>
    public double Reading => _filter?.Position * KnobFilter.FullScale ?? double.NaN;

    /// <summary>What the pedal drives now, or null. Any thread.</summary>
    public ExpressionMapping? Mapping => Volatile.Read(ref _mapping);

    /// <summary>The pedal's calibration (any thread; applies from the next scan).</summary>
    public ExpressionCalibration Calibration
    {
        get => Volatile.Read(ref _calibration);
        set
        {
            if (value is null || !value.IsValid)
            {
                throw new ArgumentException("heel and toe readings 0..1023, at least 16 apart", nameof(value));
            }

            Volatile.Write(ref _calibration, value);
            _value = float.NaN;
        }
    }

    /// <summary>Parameter changes sent by the expression pedal.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Makes the pedal drive <paramref name="mapping"/> (null: nothing) from the next scan, which sends its
    /// value even when the pedal has not moved. Control thread only.</summary>
    public void Drive(ExpressionMapping? mapping)
    {
        Volatile.Write(ref _mapping, mapping);
        _value = float.NaN;
    }

    /// <summary>Reads the pedal once and sends its value when it moved. Control thread only, with a pedal
    /// (<see cref="IsConnected"/>).</summary>
    public void Scan()
    {
        if (!_filter!.Update(_adc!.Read(_channel) * _scale))
        {
            return; // at rest: the filter's dead band holds it
        }

        if (Volatile.Read(ref _mapping) is not { } mapping)
        {
            return;
        }

        var value = mapping.ToValue(Volatile.Read(ref _calibration).ToPosition(_filter.Position * KnobFilter.FullScale));
        if (value == _value)
        {
            return;
        }

        _value = value;
        Interlocked.Increment(ref _changes);
        _pedal.SetParameter(mapping.Parameter, value, ControlSource.Expression);
    }
}
