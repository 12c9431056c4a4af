using System.Text.Json;

namespace GruPedalPi.Firmware.LiveView;

/// <summary>One frame of the live view: the service's <c>monitor</c> response, read into plain values.</summary>
public sealed record MonitorFrame
{
    /// <summary>The audio state ("playing", "starting", "fault", "stopped", "simulated").</summary>
    public required string State { get; init; }
    /// <summary>The audio fault, or null.</summary>
    public string? Fault { get; init; }
    /// <summary>The current preset, or null.</summary>
    public string? Preset { get; init; }
    /// <summary>True while bypassed.</summary>
    public bool Bypassed { get; init; }
    /// <summary>The set list's position (1-based, 0 off the list).</summary>
    public int SetListPosition { get; init; }
    /// <summary>The set list's length.</summary>
    public int SetListCount { get; init; }
    /// <summary>The guitar input's meter, or null when the service has no engine (simulated).</summary>
    public MeterFrame? Input { get; init; }
    /// <summary>The output's meter, or null.</summary>
    public MeterFrame? Output { get; init; }
    /// <summary>True while the noise gate is open; null when unknown.</summary>
    public bool? GateOpen { get; init; }
    /// <summary>Every parameter, in the protocol's order.</summary>
    public required IReadOnlyList<ParameterFrame> Parameters { get; init; }
    /// <summary>The stream's sample rate in Hz.</summary>
    public double SampleRateHz { get; init; }
    /// <summary>The stream's frames per callback.</summary>
    public int FramesPerBuffer { get; init; }
    /// <summary>Xruns since the stream started.</summary>
    public long Xruns { get; init; }
    /// <summary>Late callbacks after warm-up.</summary>
    public long LateCallbacks { get; init; }
    /// <summary>Mean callback time over the period, 0..1.</summary>
    public double DspLoad { get; init; }
    /// <summary>The callback time's 99.9th percentile in microseconds.</summary>
    public double CallbackP999Us { get; init; }
    /// <summary>The tuner, or null when the service has none.</summary>
    public TunerView? Tuner { get; init; }
    /// <summary>MIDI messages received, or null when MIDI is off.</summary>
    public long? MidiReceived { get; init; }
    /// <summary>The last MIDI message ("CC 7 = 64 ch 1"), or null.</summary>
    public string? MidiLast { get; init; }
    /// <summary>The CPU temperature in °C, or null when unknown.</summary>
    public double? CpuTemperatureC { get; init; }
    /// <summary>The firmware's throttled flags (a Pi), or null.</summary>
    public long? ThrottledFlags { get; init; }
    /// <summary>Under-voltage now (a Pi).</summary>
    public bool UnderVoltageNow { get; init; }
    /// <summary>Throttled or frequency-capped now (a Pi).</summary>
    public bool ThrottledNow { get; init; }
    /// <summary>Throttled or under-voltage at some time since boot (a Pi).</summary>
    public bool TroubleSinceBoot { get; init; }
    /// <summary>Seconds since the service started.</summary>
    public double UptimeSeconds { get; init; }

    /// <summary>Reads a successful <c>monitor</c> response.</summary>
    /// <exception cref="KeyNotFoundException">A response that is not a monitor frame.</exception>
    public static MonitorFrame Parse(JsonElement r)
    {
        static MeterFrame? Meter(JsonElement r, string name) => r.TryGetProperty(name, out var m)
            ? new MeterFrame(m.GetProperty("peak_dbfs").GetDouble(), m.GetProperty("rms_dbfs").GetDouble(), m.GetProperty("clips").GetInt64(), m.GetProperty("windows").GetInt64())
            : null;

        var parameters = new List<ParameterFrame>();
        foreach (var p in r.GetProperty("parameters").EnumerateArray())
        {
            var knob = p.GetProperty("knob");
            parameters.Add(knob.ValueKind == JsonValueKind.Object
                ? new ParameterFrame(p.GetProperty("name").GetString()!, p.GetProperty("value").GetDouble(), knob.GetProperty("position").GetDouble(), knob.GetProperty("waiting").GetBoolean())
                : new ParameterFrame(p.GetProperty("name").GetString()!, p.GetProperty("value").GetDouble(), null, false));
        }

        var audio = r.GetProperty("audio");
        long? midiReceived = null;
        string? midiLast = null;
        if (r.TryGetProperty("midi", out var midi) && midi.GetProperty("enabled").GetBoolean())
        {
            midiReceived = midi.GetProperty("received").GetInt64();
            if (midi.GetProperty("last") is { ValueKind: JsonValueKind.Object } last)
            {
                midiLast = last.GetProperty("kind").GetString() switch
                {
                    "control_change" => $"CC {last.GetProperty("data1").GetInt32()} = {last.GetProperty("data2").GetInt32()}",
                    "program_change" => $"program {last.GetProperty("data1").GetInt32() + 1}",
                    var kind => $"{kind} {last.GetProperty("data1").GetInt32()}",
                } + $" (ch {last.GetProperty("channel").GetInt32()})";
            }
        }

        double? temperature = null;
        long? flags = null;
        bool underNow = false, throttledNow = false, since = false;
        if (r.TryGetProperty("health", out var h))
        {
            temperature = h.GetProperty("cpu_temperature_c").ValueKind == JsonValueKind.Number ? h.GetProperty("cpu_temperature_c").GetDouble() : null;
            if (h.GetProperty("throttled_flags").ValueKind == JsonValueKind.Number)
            {
                flags = h.GetProperty("throttled_flags").GetInt64();
                underNow = h.GetProperty("under_voltage_now").GetBoolean();
                throttledNow = h.GetProperty("throttled_now").GetBoolean();
                since = h.GetProperty("under_voltage_since_boot").GetBoolean() || h.GetProperty("throttled_since_boot").GetBoolean();
            }
        }

        return new MonitorFrame
        {
            State = r.GetProperty("state").GetString()!,
            Fault = r.GetProperty("fault").ValueKind == JsonValueKind.String ? r.GetProperty("fault").GetString() : null,
            Preset = r.GetProperty("preset").ValueKind == JsonValueKind.String ? r.GetProperty("preset").GetString() : null,
            Bypassed = r.GetProperty("bypassed").GetBoolean(),
            SetListPosition = r.GetProperty("setlist").GetProperty("position").GetInt32(),
            SetListCount = r.GetProperty("setlist").GetProperty("count").GetInt32(),
            Input = Meter(r, "input"),
            Output = Meter(r, "output"),
            GateOpen = r.TryGetProperty("gate", out var gate) ? gate.GetProperty("open").GetBoolean() : null,
            Parameters = parameters,
            SampleRateHz = audio.GetProperty("sample_rate_hz").GetDouble(),
            FramesPerBuffer = audio.GetProperty("frames_per_buffer").GetInt32(),
            Xruns = audio.GetProperty("xruns").GetInt64(),
            LateCallbacks = audio.GetProperty("late_callbacks").GetInt64(),
            DspLoad = audio.GetProperty("dsp_load").GetDouble(),
            CallbackP999Us = audio.GetProperty("callback_p999_us").GetDouble(),
            Tuner = r.TryGetProperty("tuner", out var t) ? TunerView.Parse(t) : null,
            MidiReceived = midiReceived,
            MidiLast = midiLast,
            CpuTemperatureC = temperature,
            ThrottledFlags = flags,
            UnderVoltageNow = underNow,
            ThrottledNow = throttledNow,
            TroubleSinceBoot = since,
            UptimeSeconds = r.GetProperty("uptime_seconds").GetDouble(),
        };
    }
}
