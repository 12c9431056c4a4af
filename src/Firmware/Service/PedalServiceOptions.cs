using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Engine;

namespace GruPedalPi.Firmware.Service;

/// <summary>Everything the pedal service needs to run: the audio section of the configuration plus run options.</summary>
public sealed record PedalServiceOptions
{
    /// <summary>Audio device name (exact or a unique part; see <c>gru-pedal devices</c>); null or "default" for the default device.</summary>
    public string? DeviceName { get; init; }

    /// <summary>Sample rate in Hz: 44100, 48000 or 96000.</summary>
    public double SampleRateHz { get; init; } = 48000;

    /// <summary>Frames per callback, 16..4096 (under JACK: the server's period).</summary>
    public int FramesPerBuffer { get; init; } = 64;

    /// <summary>Channel routing.</summary>
    public EngineRouting Routing { get; init; } = new();

    /// <summary>The chain's structural options (oversampling, quality, fast math, channels).</summary>
    public ChainOptions Chain { get; init; } = new();

    /// <summary>PortAudio device or paced file backend.</summary>
    public AudioBackend Backend { get; init; } = AudioBackend.PortAudio;

    /// <summary>Start-up time kept out of the steady-state statistics, in seconds (0..60).</summary>
    public double WarmupSeconds { get; init; } = 1.0;

    /// <summary>Time between attempts to open a missing device.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A running stream whose callbacks stop for this long is treated as gone and reopened.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>While the audio is not playing (starting, a device gone, reopening, warming up), one step that takes longer
    /// than this stops the systemd watchdog pings, so that a call into PortAudio that never returns gets the service
    /// restarted (1..120 s).</summary>
    public TimeSpan RecoveryStepTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A lost stream (device gone) that PortAudio has not released after this long makes the service give up
    /// and exit with <see cref="AudioSupervisor.GaveUpExitCode"/>, for systemd to restart it (see <see cref="AudioSupervisor.GaveUp"/>).</summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Fade-out on stop, in milliseconds (1..1000).</summary>
    public double FadeOutMs { get; init; } = 30;

    /// <summary>Lock memory (mlockall with MCL_ONFAULT) at start.</summary>
    public bool LockMemory { get; init; } = true;

    /// <summary>SCHED_FIFO priority of the audio thread (1..99), set whoever created the thread; under JACK the
    /// server's choice for its client is kept.</summary>
    public int RealtimePriority { get; init; } = 70;

    /// <summary>Host API the device is looked up in: null for any, "ALSA" or "JACK".</summary>
    public string? HostApi { get; init; }

    /// <summary>Latency asked of the device per direction in milliseconds (1..500), or null for its default low latency.</summary>
    public double? SuggestedLatencyMs { get; init; }

    /// <summary>Loop this signal instead of the device's input (<c>--input-file</c>, the demo's riff), or null.</summary>
    public LoopedInput? Input { get; init; }

    /// <summary>Record the output into this WAV file (<c>--record</c>), or null.</summary>
    public string? RecordPath { get; init; }

    /// <summary>Synthetic buffers run through the engine before each stream starts (JIT and page warm-up).</summary>
    public int WarmupBuffers { get; init; } = 2000;
}
