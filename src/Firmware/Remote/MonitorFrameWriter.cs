using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Health;
using GruPedalPi.Firmware.Midi;
using GruPedalPi.Firmware.Presets;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// Writes one frame of the live view (the <c>monitor</c> request): the meters, the sound (bypass, preset, every
/// parameter with its knob), the gate, the tuner, MIDI, the real-time figures and the machine's health. The live view
/// asks for one 10 to 20 times a second, so writing it allocates nothing: every figure is a plain or sequence-locked
/// read of what the audio, control and MIDI threads publish.
/// </summary>
internal static class MonitorFrameWriter
{
    /// <summary>The parts of the running pedal a frame reads (the ones the service has; null ones are left out).</summary>
    /// <param name="w">The response, an open object.</param>
    /// <param name="pedal">The running pedal.</param>
    /// <param name="status">Its status snapshot.</param>
    /// <param name="setListPosition">The set list's position (1-based; 0 when off the list).</param>
    /// <param name="setListCount">The set list's length.</param>
    /// <param name="engine">The audio engine (meters, gate), or null.</param>
    /// <param name="knobs">The knobs, or null without a control surface.</param>
    /// <param name="tuner">The tuner, or null.</param>
    /// <param name="midi">The MIDI input, or null.</param>
    /// <param name="health">The machine's health reader, or null.</param>
    public static void Write(Utf8JsonWriter w, IPedalControl pedal, in StatusSnapshot status, int setListPosition, int setListCount,
        AudioEngine? engine, IKnobPanel? knobs, ITunerControl? tuner, IMidiControl? midi, SystemHealthReader? health)
    {
        StatusJson.WriteState(w, status.State, status.Fault);

        w.WriteString("preset"u8, pedal.CurrentPreset);
        w.WriteBoolean("bypassed"u8, pedal.Bypassed);
        StatusJson.WriteSetList(w, setListPosition, setListCount);

        if (engine is not null)
        {
            WriteMeter(w, "input"u8, engine.InputMeter.Read());
            WriteMeter(w, "output"u8, engine.OutputMeter.Read());
            w.WriteStartObject("gate"u8);
            w.WriteBoolean("open"u8, engine.GateOpen);
            w.WriteEndObject();
        }

        WriteParameters(w, pedal.Settings, knobs);

        w.WriteStartObject("audio"u8);
        w.WriteNumber("sample_rate_hz"u8, status.SampleRateHz);
        w.WriteNumber("frames_per_buffer"u8, status.FramesPerBuffer);
        w.WriteNumber("callbacks"u8, status.Callbacks);
        w.WriteNumber("xruns"u8, status.Xruns);
        w.WriteNumber("late_callbacks"u8, status.LateCallbacks);
        w.WriteNumber("dsp_load"u8, Math.Round(status.DspLoad, 4));
        w.WriteNumber("callback_p999_us"u8, Math.Round(status.CallbackP999Us, 1));
        w.WriteNumber("steady_bytes_allocated"u8, status.SteadyBytesAllocated);
        w.WriteEndObject();

        if (tuner is not null)
        {
            TunerJson.Write(w, tuner.Read());
        }

        StatusJson.WriteMidiAndHealth(w, midi, health);

        w.WriteNumber("uptime_seconds"u8, Math.Round(status.UptimeSeconds, 1));
    }

    private static void WriteMeter(Utf8JsonWriter w, ReadOnlySpan<byte> name, in MeterReading m)
    {
        w.WriteStartObject(name);
        w.WriteNumber("peak_dbfs"u8, Math.Round(m.PeakDbfs, 1));
        w.WriteNumber("rms_dbfs"u8, Math.Round(m.RmsDbfs, 1));
        w.WriteNumber("clips"u8, m.Clips);
        w.WriteNumber("windows"u8, m.Windows);
        w.WriteEndObject();
    }

    /// <summary>"parameters": every parameter in order, with the knob that turns it (its position 0..1 and whether it
    /// waits for pickup), null for a parameter no knob turns.</summary>
    private static void WriteParameters(Utf8JsonWriter w, in PedalSettings settings, IKnobPanel? knobs)
    {
        w.WriteStartArray("parameters"u8);
        for (int i = 0; i < Parameters.Count; i++)
        {
            var id = (ParameterId)i;
            w.WriteStartObject();
            w.WriteString("name"u8, ParameterNamesUtf8.Get(id));
            w.WriteNumber("value"u8, Math.Round(settings[id], 4));
            int knob = -1;
            int count = knobs?.KnobCount ?? 0;
            for (int k = 0; k < count; k++)
            {
                if (knobs!.KnobParameter(k) == id)
                {
                    knob = k;
                    break;
                }
            }

            if (knob < 0)
            {
                w.WriteNull("knob"u8);
            }
            else
            {
                w.WriteStartObject("knob"u8);
                w.WriteNumber("index"u8, knob);
                w.WriteNumber("position"u8, Math.Round(knobs!.KnobPosition(knob), 3));
                w.WriteBoolean("waiting"u8, knobs.KnobWaiting(knob));
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
