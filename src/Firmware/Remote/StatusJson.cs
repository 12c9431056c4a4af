using System.Text.Json;
using GruPedalPi.Firmware.Core;

namespace GruPedalPi.Firmware.Remote;

/// <summary>The parts of the socket's status that <c>status</c> and <c>monitor</c> both write, written once. Allocation-free.</summary>
internal static class StatusJson
{
    /// <summary>Writes <c>"state"</c> (playing, starting, fault, stopped) and <c>"fault"</c> (the text, or null).</summary>
    public static void WriteState(Utf8JsonWriter w, AudioState state, string? fault)
    {
        w.WriteString("state"u8, AudioStateNames.Utf8(state));
        WriteStringOrNull(w, "fault"u8, fault);
    }

    /// <summary>Writes <c>"setlist": {"position", "count"}</c> (position 1..count, 0 when the current sound is in no entry).</summary>
    public static void WriteSetList(Utf8JsonWriter w, int position, int count)
    {
        w.WriteStartObject("setlist"u8);
        w.WriteNumber("position"u8, position);
        w.WriteNumber("count"u8, count);
        w.WriteEndObject();
    }

    /// <summary>Writes <c>"midi"</c> (the MIDI input's status) and <c>"health"</c> (the machine's temperature and
    /// throttling), each only when the service has that part.</summary>
    public static void WriteMidiAndHealth(Utf8JsonWriter w, Midi.IMidiControl? midi, Health.SystemHealthReader? health)
    {
        if (midi is not null)
        {
            w.WriteStartObject("midi"u8);
            midi.WriteStatus(w);
            w.WriteEndObject();
        }

        if (health is not null)
        {
            HealthJson.Write(w, health.Read());
        }
    }

    /// <summary>Writes a <see cref="StatusSnapshot"/> as an object named <c>"status"</c>, every property in snake_case: the
    /// socket's form of what <c>run --json</c> prints in camelCase (one type, two namings; <c>WireRecordTests</c> holds this
    /// writer to the type). Allocation-free.</summary>
    public static void WriteSnapshot(Utf8JsonWriter w, in StatusSnapshot s)
    {
        w.WriteStartObject("status"u8);
        w.WriteString("state"u8, AudioStateNames.Utf8(s.State));
        WriteStringOrNull(w, "fault"u8, s.Fault);
        w.WriteString("device"u8, s.Device);
        w.WriteNumber("sample_rate_hz"u8, s.SampleRateHz);
        w.WriteNumber("frames_per_buffer"u8, s.FramesPerBuffer);
        w.WriteNumber("period_us"u8, s.PeriodUs);
        w.WriteNumber("callbacks"u8, s.Callbacks);
        w.WriteNumber("xruns"u8, s.Xruns);
        w.WriteNumber("late_callbacks"u8, s.LateCallbacks);
        w.WriteNumber("callback_p50_us"u8, s.CallbackP50Us);
        w.WriteNumber("callback_p99_us"u8, s.CallbackP99Us);
        w.WriteNumber("callback_p999_us"u8, s.CallbackP999Us);
        w.WriteNumber("callback_max_us"u8, s.CallbackMaxUs);
        w.WriteNumber("dsp_load"u8, s.DspLoad);
        w.WriteNumber("garbage_collections"u8, s.GarbageCollections);
        w.WriteNumber("bytes_allocated"u8, s.BytesAllocated);
        w.WriteNumber("uptime_seconds"u8, s.UptimeSeconds);
        w.WriteBoolean("bypassed"u8, s.Bypassed);
        WriteStringOrNull(w, "preset"u8, s.Preset);
        w.WriteString("host_api"u8, s.HostApi);
        w.WriteNumber("input_latency_ms"u8, s.InputLatencyMs);
        w.WriteNumber("output_latency_ms"u8, s.OutputLatencyMs);
        w.WriteNumber("late_starts"u8, s.LateStarts);
        w.WriteNumber("callback_mean_us"u8, s.CallbackMeanUs);
        w.WriteNumber("warmup_callbacks"u8, s.WarmupCallbacks);
        w.WriteNumber("steady_callbacks"u8, s.SteadyCallbacks);
        w.WriteNumber("startup_xruns"u8, s.StartupXruns);
        w.WriteNumber("startup_late_callbacks"u8, s.StartupLateCallbacks);
        w.WriteNumber("startup_max_us"u8, s.StartupMaxUs);
        w.WriteNumber("steady_garbage_collections"u8, s.SteadyGarbageCollections);
        w.WriteNumber("steady_bytes_allocated"u8, s.SteadyBytesAllocated);
        w.WriteBoolean("allocations_exact"u8, s.AllocationsExact);
        w.WriteNumber("steady_seconds"u8, s.SteadySeconds);
        w.WriteNumber("steady_bytes_per_hour"u8, s.SteadyBytesPerHour);
        w.WriteNumber("stream_seconds"u8, s.StreamSeconds);
        w.WriteNumber("first_callback_ms"u8, s.FirstCallbackMs);
        w.WriteNumber("device_starts"u8, s.DeviceStarts);
        w.WriteNumber("callback_faults"u8, s.CallbackFaults);
        w.WriteString("audio_thread"u8, s.AudioThread);
        w.WriteBoolean("memory_locked"u8, s.MemoryLocked);
        w.WriteNumber("recorder_dropped_samples"u8, s.RecorderDroppedSamples);
        w.WriteNumber("resident_memory_mb"u8, s.ResidentMemoryMb);
        w.WriteNumber("shared_memory_mb"u8, s.SharedMemoryMb);
        w.WriteEndObject();
    }

    /// <summary>Writes a string property, or null.</summary>
    public static void WriteStringOrNull(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
