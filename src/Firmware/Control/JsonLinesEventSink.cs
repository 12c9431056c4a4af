using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Firmware.Control;

/// <summary>
/// Writes the control surface's events as JSON lines, one object per event, stamped with the clock's elapsed
/// milliseconds: <c>{"t_ms":..,"event":"param","name":"wh","value":..}</c>, <c>"bypass"</c> (<c>engaged</c>),
/// <c>"preset"</c> (<c>name</c>), <c>"led"</c> (<c>state</c>: on, off, blink, fault), <c>"pickup"</c> (<c>name</c>).
/// </summary>
public sealed class JsonLinesEventSink : IControlEventSink, IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly bool _ownsStream;

    /// <summary>Creates the sink.</summary>
    /// <param name="stream">Where the lines go.</param>
    /// <param name="time">The clock; t_ms is the time elapsed since the sink was created.</param>
    /// <param name="ownsStream">Dispose the stream with the sink.</param>
    public JsonLinesEventSink(Stream stream, TimeProvider time, bool ownsStream = false)
    {
        _stream = stream;
        _time = time;
        _start = time.GetTimestamp();
        _ownsStream = ownsStream;
        _writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
    }

    /// <summary>Events written.</summary>
    public long Count { get; private set; }

    /// <inheritdoc />
    public void OnParameter(ParameterId id, float value, ControlSource source)
    {
        Begin("param");
        _writer.WriteString("name", Parameters.Get(id).Name);
        _writer.WriteNumber("value", value);
        End();
    }

    /// <inheritdoc />
    public void OnBypass(bool bypassed, ControlSource source)
    {
        Begin("bypass");
        _writer.WriteBoolean("engaged", !bypassed);
        End();
    }

    /// <inheritdoc />
    public void OnPreset(string name, ControlSource source)
    {
        Begin("preset");
        _writer.WriteString("name", name);
        End();
    }

    /// <inheritdoc />
    public void OnLed(LedMode mode)
    {
        Begin("led");
        _writer.WriteString("state", mode switch
        {
            LedMode.On => "on",
            LedMode.Off => "off",
            LedMode.Blink => "blink",
            _ => "fault",
        });
        End();
    }

    /// <inheritdoc />
    public void OnPickup(ParameterId id)
    {
        Begin("pickup");
        _writer.WriteString("name", Parameters.Get(id).Name);
        End();
    }

    private void Begin(string name)
    {
        var ms = _time.GetElapsedTime(_start).Ticks / (double)TimeSpan.TicksPerMillisecond;
        _writer.WriteStartObject();
        _writer.WriteNumber("t_ms", Math.Round(ms, 3));
        _writer.WriteString("event", name);
    }

    private void End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset();
        _stream.WriteByte((byte)'\n');
        Count++;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _stream.Flush();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
