using System.Text.Json.Serialization;

namespace GruPedalPi.Firmware.Core;

/// <summary>
/// Where the audio service is in its life cycle, as <c>status</c> reports it. On the wire (the socket's JSON, the
/// service's <c>--json</c> status, the text status) each state is its lower-case name (<see cref="AudioStateNames"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AudioState>))]
public enum AudioState
{
    /// <summary>Not started, or stopped on request.</summary>
    [JsonStringEnumMemberName("stopped")]
    Stopped,

    /// <summary>Opening the device and warming up; the first callbacks have not come yet.</summary>
    [JsonStringEnumMemberName("starting")]
    Starting,

    /// <summary>The callbacks run.</summary>
    [JsonStringEnumMemberName("playing")]
    Playing,

    /// <summary>The device failed or stopped calling back; the supervisor retries (the status's fault says why).</summary>
    [JsonStringEnumMemberName("fault")]
    Fault,

    /// <summary>The simulator's stand-in for the audio service: controls only, no audio device.</summary>
    [JsonStringEnumMemberName("simulated")]
    Simulated,
}
