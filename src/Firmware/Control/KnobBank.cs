using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Adc;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// The knobs of a <see cref="ControlSurface"/>: their channels, parameters, mappings, filters and pickups, and the
/// values the engine has for their parameters. A scan reads every knob and sends the parameter changes of the knobs
/// that are live; a change made elsewhere (a preset load, the socket, MIDI) makes the knobs it moved wait for pickup.
/// <para>Threading: <see cref="Scan"/> and <see cref="ArmChangedKnobs"/> on the control thread only; the reads
/// (<see cref="Position"/>, <see cref="Waiting"/>, <see cref="Parameter"/>, <see cref="Changes"/>) from any thread.
/// Every array is allocated at construction: allocation-free in steady state.</para>
/// </summary>
internal sealed class KnobBank
{
    private readonly IKnobAdc? _adc;
    private readonly IPedalControl _pedal;
    private readonly IControlEventSink? _sink;
    private readonly int[] _channels;
    private readonly ParameterId[] _parameters;
    private readonly KnobMapping[] _mappings;
    private readonly KnobFilter[] _filters;
    private readonly KnobPickup[] _pickups;
    private readonly float[] _engineValues;
    private readonly double _scale;
    private long _changes;

    /// <summary>Builds the knobs and reads every one once (they start waiting for pickup against the pedal's current
    /// settings, so nothing jumps at start-up).</summary>
    /// <param name="options">The knobs, their filter and the takeover mode.</param>
    /// <param name="adc">The knobs' converter, or null when there are none.</param>
    /// <param name="scale">Converter codes to the filter's 0..1023 scale (<see cref="KnobFilter.FullScale"/> over the
    /// converter's full scale).</param>
    /// <param name="pedal">What the knobs change.</param>
    /// <param name="sink">Receives the pickups, or null.</param>
    public KnobBank(ControlSurfaceOptions options, IKnobAdc? adc, double scale, IPedalControl pedal, IControlEventSink? sink)
    {
        _adc = adc;
        _pedal = pedal;
        _sink = sink;
        _scale = scale;

        var knobs = options.Knobs;
        if (knobs.Count > 0 && adc is null)
        {
            throw new ArgumentException("knobs need an ADC", nameof(adc));
        }

        var n = knobs.Count;
        _channels = new int[n];
        _parameters = new ParameterId[n];
        _mappings = new KnobMapping[n];
        _filters = new KnobFilter[n];
        _pickups = new KnobPickup[n];
        _engineValues = new float[n];

        var settings = pedal.Settings;
        for (var k = 0; k < n; k++)
        {
            var b = knobs[k];
            if (b.Channel < 0 || b.Channel >= adc!.ChannelCount)
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"knob channel {b.Channel} is not on the {adc!.Name}");
            }

            _channels[k] = b.Channel;
            _parameters[k] = b.Parameter;
            _mappings[k] = b.Mapping;
            _filters[k] = new KnobFilter(options.Filter);
            _filters[k].Reset(adc.Read(b.Channel) * _scale);
            _pickups[k] = new KnobPickup(options.JumpTakeover);
            _engineValues[k] = settings[b.Parameter];
            _pickups[k].Arm(b.Mapping.ToPosition(_engineValues[k]), _filters[k].Position);
        }
    }

    /// <summary>Number of knobs, 0..8.</summary>
    public int Count => _channels.Length;

    /// <summary>Parameter changes sent by the knobs.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>True when a knob reads converter channel <paramref name="channel"/>.</summary>
    public bool UsesChannel(int channel) => Array.IndexOf(_channels, channel) >= 0;

    /// <summary>The knob's filtered position 0..1.</summary>
    public double Position(int knob) => _filters[knob].Position;

    /// <summary>True while the knob waits for pickup.</summary>
    public bool Waiting(int knob) => _pickups[knob].Waiting;

    /// <summary>The parameter knob <paramref name="knob"/> (0..<see cref="Count"/>-1) turns.</summary>
    public ParameterId Parameter(int knob) => _parameters[knob];

    /// <summary>Reads every knob once and sends the changes of the live ones. Control thread only.</summary>
    public void Scan()
    {
        for (var k = 0; k < _channels.Length; k++)
        {
            var filter = _filters[k];
            if (!filter.Update(_adc!.Read(_channels[k]) * _scale))
            {
                continue;
            }

            var position = filter.Position;
            var pickup = _pickups[k];
            var waiting = pickup.Waiting;
            if (!pickup.Observe(position))
            {
                continue;
            }

            if (waiting)
            {
                _sink?.OnPickup(_parameters[k]);
            }

            var value = _mappings[k].ToValue(position);
            if (value == _engineValues[k])
            {
                continue;
            }

            _engineValues[k] = value;
            Interlocked.Increment(ref _changes);
            _pedal.SetParameter(_parameters[k], value, ControlSource.Knob);
        }
    }

    /// <summary>Makes every knob whose parameter the pedal no longer has at the knob's last value wait for pickup
    /// against the new value. Control thread only.</summary>
    public void ArmChangedKnobs()
    {
        var settings = _pedal.Settings;
        for (var k = 0; k < _channels.Length; k++)
        {
            var v = settings[_parameters[k]];
            if (v != _engineValues[k])
            {
                _engineValues[k] = v;
                _pickups[k].Arm(_mappings[k].ToPosition(v), _filters[k].Position);
            }
        }
    }
}
