using GruPedalPi.Firmware.Remote.Wire;

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
    public static MonitorFrame From(MonitorResponse r)
    {
        static MeterFrame? Meter(MeterStatus? m) => m is null ? null : new MeterFrame(m.PeakDbfs, m.RmsDbfs, m.Clips, m.Windows);

        var parameters = new List<ParameterFrame>();
        foreach (var p in r.Parameters)
        {
            parameters.Add(p.Knob is { } knob
                ? new ParameterFrame(p.Name, p.Value, knob.Position, knob.Waiting)
                : new ParameterFrame(p.Name, p.Value, null, false));
        }

        long? midiReceived = null;
        string? midiLast = null;
        if (r.Midi is { Enabled: true } midi)
        {
            midiReceived = midi.Received;
            if (midi.Last is { } last)
            {
                midiLast = last.Kind switch
                {
                    "control_change" => $"CC {last.Data1} = {last.Data2}",
                    "program_change" => $"program {last.Data1 + 1}",
                    var kind => $"{kind} {last.Data1}",
                } + $" (ch {last.Channel})";
            }
        }

        var h = r.Health;
        return new MonitorFrame
        {
            State = r.State,
            Fault = r.Fault,
            Preset = r.Preset,
            Bypassed = r.Bypassed,
            SetListPosition = r.Setlist.Position,
            SetListCount = r.Setlist.Count,
            Input = Meter(r.Input),
            Output = Meter(r.Output),
            GateOpen = r.Gate?.Open,
            Parameters = parameters,
            SampleRateHz = r.Audio.SampleRateHz,
            FramesPerBuffer = r.Audio.FramesPerBuffer,
            Xruns = r.Audio.Xruns,
            LateCallbacks = r.Audio.LateCallbacks,
            DspLoad = r.Audio.DspLoad,
            CallbackP999Us = r.Audio.CallbackP999Us,
            Tuner = r.Tuner is { } t ? TunerView.From(t) : null,
            MidiReceived = midiReceived,
            MidiLast = midiLast,
            CpuTemperatureC = h?.CpuTemperatureC,
            ThrottledFlags = h?.ThrottledFlags,
            UnderVoltageNow = h?.ThrottledFlags is not null && h.UnderVoltageNow == true,
            ThrottledNow = h?.ThrottledFlags is not null && h.ThrottledNow == true,
            TroubleSinceBoot = h?.ThrottledFlags is not null && (h.UnderVoltageSinceBoot == true || h.ThrottledSinceBoot == true),
            UptimeSeconds = r.UptimeSeconds,
        };
    }
}
