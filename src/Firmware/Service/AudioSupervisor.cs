using System.Diagnostics;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Hardware.Audio;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Owns the audio device's life on its own (non-real-time) thread: opens the stream, warms and arms the engine,
/// starts it, then every 50 ms checks that the callback count advances (pinging the systemd watchdog when it does),
/// and when the device is missing or goes away (a JACK server killed, a HAT not yet up) logs it once, reports the
/// fault, and retries until the device is back — re-initialising PortAudio each time so a new JACK server is seen —
/// then plays again without a restart. On <see cref="Stop"/> it fades out, stops and closes. Its steady-state loop
/// allocates nothing.
/// <para>About 500 lines, on purpose: what is left is one state machine (open, warm, arm, play, supervise, recover,
/// give up) whose steps share the stream, the host, the watchdog's step policy and the state <see cref="GetStatus"/>
/// reports; splitting it further would pass those around. The parts that stand alone live apart: opening the device
/// (<see cref="AudioStreamOpener"/>), the GC figures (<see cref="AllocationLedger"/>), releasing a lost stream
/// (<see cref="LostStreamReleaser"/>), the audio thread's scheduling (<see cref="RealtimeSetup"/>), resident memory
/// (<see cref="ProcStatusReader"/>) and the watchdog (<see cref="WatchdogFeeder"/>).</para>
/// </summary>
public sealed class AudioSupervisor : IDisposable
{
    private readonly PedalServiceOptions _options;
    private readonly AudioEngine _engine;
    private readonly PedalControl _control;
    private readonly SystemdNotifier _notifier;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _stopRequested = new(false);
    private readonly ManualResetEventSlim _settled = new(false);
    private readonly ManualResetEventSlim _playing = new(false);
    private readonly ManualResetEventSlim _callingBack = new(false);
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _gaveUp = new();
    private readonly ProcStatusReader _procStatus = new();
    private readonly AllocationLedger _allocations = new();
    private readonly RealtimeOverrunGuard _overruns = new();
    private readonly LostStreamReleaser _releaser;
    private readonly int _testAllocationBytes;
    private readonly WatchdogFeeder _watchdog;
    private Thread? _thread;
    private WavRecorder? _recorder;

    private volatile AudioState _state = AudioState.Stopped;
    private volatile string? _fault;
    private volatile IAudioStream? _stream;
    private string? _lastLoggedFault;
    private long _deviceStarts;
    private string _audioThread = "";
    private string? _memoryLock;
    private double _firstCallbackMs = -1;
    private bool _warmedOnce;

    /// <summary>Creates the supervisor; nothing runs until <see cref="Start"/>.</summary>
    public AudioSupervisor(PedalServiceOptions options, AudioEngine engine, PedalControl control, SystemdNotifier notifier, ILogger logger)
    {
        _options = options;
        _engine = engine;
        _control = control;
        _notifier = notifier;
        _logger = logger;
        _releaser = new LostStreamReleaser(logger);
        _watchdog = new WatchdogFeeder(notifier,
            new WatchdogPolicy((long)(options.RecoveryStepTimeout.TotalSeconds * Stopwatch.Frequency)),
            () => engine.Statistics.Callbacks);
        control.StatusSource = GetStatus;
        _testAllocationBytes = int.TryParse(Environment.GetEnvironmentVariable(TestAllocationVariable), out int bytes) && bytes > 0 ? bytes : 0;
    }

    /// <summary>Raised on the supervisor's thread when the audio state changes: the fault text, or null when playing again.
    /// The control surface shows it on the LED.</summary>
    public event Action<string?>? FaultChanged;

    /// <summary>Where the service is: starting, playing, fault or stopped.</summary>
    public AudioState State => _state;

    /// <summary>The current fault, or null.</summary>
    public string? Fault => _fault;

    /// <summary>The engine.</summary>
    public AudioEngine Engine => _engine;

    /// <summary>How many times a stream was started (1 + recoveries).</summary>
    public long DeviceStarts => Interlocked.Read(ref _deviceStarts);

    /// <summary>
    /// Cancelled when the supervisor gives up: a lost stream was not released within
    /// <see cref="PedalServiceOptions.ReleaseTimeout"/> (PortAudio 19.6 blocks in Pa_CloseStream after a JACK server
    /// died, and cannot be re-initialised while it does, so the device could never come back in this process). The
    /// watchdog is no longer fed; the service exits with <see cref="GaveUpExitCode"/> and systemd restarts it.
    /// </summary>
    public CancellationToken GaveUp => _gaveUp.Token;

    /// <summary>The exit code of a service whose supervisor gave up (EX_TEMPFAIL: restart me).</summary>
    public const int GaveUpExitCode = 75;

    /// <summary>Test only: an environment variable giving a number of bytes the supervisor allocates (and drops) on
    /// every 50 ms tick while playing, so that a test can show its allocation check failing and the GC's budget
    /// (<c>DOTNET_GCgen0size</c>) taking effect. Unset (the default, and always in production): nothing.</summary>
    public const string TestAllocationVariable = "GRU_PEDAL_TEST_ALLOCATE_PER_TICK";

    /// <summary>The recorder, when recording.</summary>
    public WavRecorder? Recorder => _recorder;

    /// <summary>Starts the supervising thread.</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        Trace("starting the supervisor");
        _overruns.Register();
        if (_options.LockMemory)
        {
            _memoryLock = RealtimeSetup.LockMemory();
            if (_memoryLock is not null)
            {
                _logger.LogWarning("Memory not locked: {Reason}", _memoryLock);
            }
        }

        _engine.Prepare(_options.SampleRateHz, Math.Max(_options.FramesPerBuffer, 4096));
        if (_options.Input is { } input)
        {
            input.GapFrames = _engine.Chain.LatencySamples;
            _engine.SetInput(input);
        }

        if (_options.RecordPath is { } path)
        {
            _recorder = new WavRecorder(path, (int)_options.SampleRateHz, _engine.Channels, _engine.Chain.LatencySamples);
            _engine.SetRecorder(_recorder.Ring);
        }

        Trace("prepared");
        _state = AudioState.Starting;
        _watchdog.Policy.BeginStep(Stopwatch.GetTimestamp());
        _watchdog.Start();
        _thread = new Thread(Run) { IsBackground = true, Name = "audio supervisor" };
        _thread.Start();
    }

    /// <summary>Waits until the first attempt to play has succeeded or failed (true), or the timeout passed (false).</summary>
    public bool WaitSettled(TimeSpan timeout) => _settled.Wait(timeout);

    /// <summary>Waits until the stream plays (true) or the timeout passes or the token is cancelled (false).</summary>
    public bool WaitPlaying(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return _playing.Wait(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until the playing stream's first callback has run (true: sound flows; the supervisor's tick
    /// notices it within 50 ms), or the timeout passes or the token is cancelled (false). A device can take a while to
    /// call back after it started (a loaded machine, a JACK server that is still starting its cycle).</summary>
    public bool WaitCallingBack(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return _callingBack.Wait(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Fades out, stops and closes the stream, and finishes the recording. Blocks until done.</summary>
    public void Stop()
    {
        _watchdog.Policy.Stop();
        _stopRequested.Set();
        _thread?.Join();
        _thread = null;
        _engine.SetRecorder(null);
        _recorder?.Dispose();
        _recorder = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _watchdog.Dispose();
        _overruns.Dispose();
        _stopRequested.Dispose();
        _settled.Dispose();
        _callingBack.Dispose();
        _gaveUp.Dispose();
    }

    /// <summary>The status reported by <c>gru-pedal status</c> and the live view. Allocates only the snapshot.</summary>
    /// <param name="exactAllocations">Count the bytes allocated exactly (a brief pause of every managed thread: see
    /// <see cref="AllocationLedger"/>), else as of the last tick.</param>
    public StatusSnapshot GetStatus(bool exactAllocations)
    {
        var f = _engine.Statistics.Read();
        var stream = _stream;
        var a = _allocations.Read(playing: _state == AudioState.Playing, exact: exactAllocations);
        var memory = _procStatus.Read();
        return new StatusSnapshot
        {
            State = _state,
            Fault = _fault,
            Device = stream?.DeviceName ?? _options.DeviceName ?? "default",
            HostApi = stream?.HostApi ?? "",
            SampleRateHz = stream?.SampleRateHz ?? _options.SampleRateHz,
            FramesPerBuffer = stream?.FramesPerBuffer ?? _options.FramesPerBuffer,
            InputLatencyMs = (stream?.InputLatencyS ?? 0) * 1000,
            OutputLatencyMs = (stream?.OutputLatencyS ?? 0) * 1000,
            PeriodUs = f.PeriodUs,
            Callbacks = f.Callbacks,
            Xruns = f.Xruns,
            LateCallbacks = f.LateCallbacks,
            LateStarts = f.LateStarts,
            CallbackP50Us = f.P50Us,
            CallbackP99Us = f.P99Us,
            CallbackP999Us = f.P999Us,
            CallbackMaxUs = f.MaxUs,
            CallbackMeanUs = f.MeanUs,
            DspLoad = f.DspLoad,
            WarmupCallbacks = f.WarmupCallbacks,
            StartupXruns = f.StartupXruns,
            StartupLateCallbacks = f.StartupLateCallbacks,
            StartupMaxUs = f.StartupMaxUs,
            SteadyCallbacks = f.SteadyCallbacks,
            GarbageCollections = a.Collections,
            BytesAllocated = a.Bytes,
            SteadyGarbageCollections = a.SteadyCollections,
            SteadyBytesAllocated = a.SteadyBytes,
            AllocationsExact = a.Exact,
            SteadySeconds = a.SteadySeconds,
            StreamSeconds = a.StreamSeconds,
            UptimeSeconds = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds,
            FirstCallbackMs = _firstCallbackMs,
            DeviceStarts = DeviceStarts,
            CallbackFaults = stream?.CallbackFaults ?? 0,
            AudioThread = _audioThread,
            MemoryLocked = _options.LockMemory && _memoryLock is null,
            RecorderDroppedSamples = _recorder?.Ring.Dropped ?? 0,
            ResidentMemoryMb = memory.ResidentKb / 1024.0,
            SharedMemoryMb = memory.SharedKb / 1024.0,
            Bypassed = _control.Bypassed,
            Preset = _control.CurrentPreset,
        };
    }

    private void Run()
    {
        while (!_stopRequested.IsSet)
        {
            PortAudioHost? host = null;
            IAudioStream? stream = null;
            try
            {
                Trace("opening");
                // The first time, warm the engine (JIT, pages) on another thread while PortAudio initialises and opens
                // the device: both take a while and do not touch each other (the stream is not started yet). Later
                // attempts (a missing device, retried every second) warm only once a device opened.
                Thread? earlyWarm = null;
                int warmFrames = _options.FramesPerBuffer;
                if (!_warmedOnce)
                {
                    _warmedOnce = true;
                    earlyWarm = new Thread(() => _engine.Warm(warmFrames, _options.WarmupSeconds, _options.WarmupBuffers)) { IsBackground = true, Name = "audio warm-up" };
                    earlyWarm.Start();
                }

                try
                {
                    _watchdog.Policy.BeginStep(Stopwatch.GetTimestamp());
                    (host, stream) = AudioStreamOpener.Open(_options, _engine);
                }
                finally
                {
                    earlyWarm?.Join();
                }

                Trace("opened");
                _watchdog.Policy.BeginStep(Stopwatch.GetTimestamp());
                if (earlyWarm is null || stream.FramesPerBuffer != warmFrames)
                {
                    _engine.Warm(stream.FramesPerBuffer, _options.WarmupSeconds, _options.WarmupBuffers);
                }

                Trace("warmed");
                _engine.Arm(_control);
                _control.MarkSynchronised();
                _allocations.BeginStream(); // with an empty young generation
                stream.Start();
                _watchdog.Policy.EnterPlaying(_engine.Statistics.Callbacks);
                Trace("started");
                _stream = stream;
                Interlocked.Increment(ref _deviceStarts);
                _state = AudioState.Playing;
                if (_fault is not null)
                {
                    _logger.LogInformation("Audio device \"{Device}\" is back: playing again", stream.DeviceName);
                    _fault = null;
                    _lastLoggedFault = null;
                    FaultChanged?.Invoke(null);
                }

                _logger.LogInformation(
                    "Playing on \"{Device}\" ({HostApi}) at {Rate} Hz, {Frames} frames, latency in {In:F1} ms / out {Out:F1} ms",
                    stream.DeviceName, stream.HostApi, stream.SampleRateHz, stream.FramesPerBuffer,
                    stream.InputLatencyS * 1000, stream.OutputLatencyS * 1000);
                _notifier.Notify($"STATUS=playing on {stream.DeviceName}");
                _settled.Set();
                _playing.Set();

                string? ended = Supervise(stream);
                if (ended is null)
                {
                    // Stop requested: fade out, then stop.
                    _engine.RequestFadeOut(_options.FadeOutMs);
                    var deadline = Stopwatch.GetTimestamp() + (long)((_options.FadeOutMs + 200) / 1000 * Stopwatch.Frequency);
                    while (!_engine.FadedOut && Stopwatch.GetTimestamp() < deadline && stream.IsActive)
                    {
                        Thread.Sleep(2);
                    }

                    stream.Stop();
                }
                else
                {
                    // Recovering: each step (abort, release, reopen, warm, wait) keeps the watchdog fed while it lasts
                    // less than RecoveryStepTimeout.
                    _watchdog.Policy.BeginStep(Stopwatch.GetTimestamp());
                    ReportFault(ended);
                    if (stream is PortAudioStream && !stream.IsActive)
                    {
                        // The device went away under PortAudio. Stopping such a stream can block for a long time
                        // (PortAudio 19.6's JACK host waits up to 10 minutes for a process cycle that never comes
                        // after the server died), so release it on a thread of its own and keep retrying here.
                        _releaser.Release(stream, host);
                        stream = null;
                        host = null;
                    }
                    else if (stream is PortAudioStream pa)
                    {
                        pa.Abort();
                    }
                }
            }
            catch (Exception e) when (e is PortAudioException or DllNotFoundException or EntryPointNotFoundException)
            {
                ReportFault(e is DllNotFoundException
                    ? "PortAudio (libportaudio.so.2) is not installed: apt-get install libportaudio2"
                    : e.Message);
            }
            finally
            {
                if (!_stopRequested.IsSet)
                {
                    _watchdog.Policy.BeginStep(Stopwatch.GetTimestamp());
                }

                _playing.Reset();
                _callingBack.Reset();
                _stream = null;
                stream?.Dispose();
                host?.Dispose();
                if (_state == AudioState.Playing)
                {
                    _state = _stopRequested.IsSet ? AudioState.Stopped : AudioState.Fault;
                }
            }

            if (!_stopRequested.IsSet)
            {
                _settled.Set();
                WaitForRetry();
            }
        }

        _state = AudioState.Stopped;
        _settled.Set();
    }

    /// <summary>Watches a playing stream; returns null when asked to stop, or why the stream is gone.</summary>
    private string? Supervise(IAudioStream stream)
    {
        var stats = _engine.Statistics;
        long lastCount = 0;
        long lastAdvance = Stopwatch.GetTimestamp();
        // A stall must be noticed (and recovery begun, which feeds the watchdog again) well inside systemd's watchdog
        // interval: at most half of it (the ping interval), whatever StallTimeout says.
        double stallSeconds = _notifier.WatchdogEnabled
            ? Math.Min(_options.StallTimeout.TotalSeconds, _notifier.PingInterval.TotalSeconds)
            : _options.StallTimeout.TotalSeconds;
        long stallTicks = (long)(stallSeconds * Stopwatch.Frequency);
        bool scheduled = false;
        bool steady = false;
        _overruns.TakeOverrun(); // one from the stream before this one was handled with it
        while (!_stopRequested.Wait(50))
        {
            if (_overruns.TakeOverrun())
            {
                return $"a real-time thread ran past LimitRTTIME's soft limit without blocking (audio device \"{stream.DeviceName}\" " +
                    $"no longer paces it; made ordinary: {_overruns.LastDemoted})";
            }

            long now = Stopwatch.GetTimestamp();
            long count = stats.Callbacks;
            if (count != lastCount)
            {
                lastCount = count;
                lastAdvance = now;
            }
            else if (now - lastAdvance > stallTicks || !stream.IsActive)
            {
                return stream.IsActive
                    ? $"audio device \"{stream.DeviceName}\" stopped calling back for {stallSeconds:0.#} s"
                    : $"audio device \"{stream.DeviceName}\" ({stream.HostApi}) went away";
            }

            _control.Flush();
            if (_testAllocationBytes > 0)
            {
                GC.KeepAlive(new byte[_testAllocationBytes]); // test only (TestAllocationVariable)
            }

            _allocations.Sample();

            if (!scheduled && _engine.AudioThreadId != 0)
            {
                scheduled = true;
                OnFirstCallback();
                _callingBack.Set();
            }

            if (!steady && stats.SteadyState)
            {
                steady = true;
                _allocations.MarkSteady();
            }
        }

        return null;
    }

    private void OnFirstCallback()
    {
        var first = _engine.Statistics.Read().FirstCallbackTimestamp;
        if (_firstCallbackMs < 0 && first != 0)
        {
            // Process start (kernel's start time, 10 ms resolution) to the first callback.
            var sinceFirst = Stopwatch.GetElapsedTime(first);
            _firstCallbackMs = (DateTime.Now - sinceFirst - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        }

        int tid = _engine.AudioThreadId;
        bool jack = string.Equals(_stream?.HostApi, "JACK", StringComparison.OrdinalIgnoreCase);
        if (RealtimeSetup.PromoteAudioThread(tid, jack, _options.RealtimePriority) is { } why && _options.Backend == AudioBackend.PortAudio)
        {
            _logger.LogWarning("Audio thread not real-time: {Reason}", why);
        }

        _audioThread = RealtimeSetup.DescribeThread(tid);
        if (DeviceStarts <= 1)
        {
            _logger.LogInformation("Audio thread {Tid}: {Scheduling}; first callback {Ms:F0} ms after process start", tid, _audioThread, _firstCallbackMs);
        }
        else
        {
            _logger.LogInformation("Audio thread {Tid}: {Scheduling}; stream {Start} is calling back", tid, _audioThread, DeviceStarts);
        }
    }

    private void Trace(string step)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("{Step} at {Ms:F0} ms after process start", step, (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds);
        }
    }

    private void ReportFault(string fault)
    {
        _fault = fault;
        _state = AudioState.Fault;
        if (fault != _lastLoggedFault)
        {
            _lastLoggedFault = fault;
            _logger.LogError("Audio fault: {Fault}; retrying every {Seconds:0.#} s", fault, _options.RetryInterval.TotalSeconds);
            _notifier.Notify($"STATUS=fault: {fault}");
            FaultChanged?.Invoke(fault);
        }
    }

    private void GiveUp()
    {
        if (_gaveUp.IsCancellationRequested)
        {
            return;
        }

        _logger.LogCritical(
            "The lost audio stream was not released within {Seconds:0.#} s (PortAudio is stuck closing it and cannot look for the device again): " +
            "exiting with code {Code} so that systemd restarts the service",
            _options.ReleaseTimeout.TotalSeconds, GaveUpExitCode);
        _notifier.Notify("STATUS=audio stuck: restarting");
        _watchdog.Policy.Stop();
        _gaveUp.Cancel();
        // Wait here for the host to stop us; no more watchdog pings (systemd's WatchdogSec catches a host that hangs).
        _stopRequested.Wait();
    }

    private void WaitForRetry()
    {
        // No stream is open: the supervisor itself is alive and retrying, so keep the watchdog fed.
        long until = Stopwatch.GetTimestamp() + (long)(_options.RetryInterval.TotalSeconds * Stopwatch.Frequency);
        while (!_stopRequested.IsSet)
        {
            if (_releaser.IsStuck(_options.ReleaseTimeout))
            {
                GiveUp();
                return;
            }

            _watchdog.Policy.BeginStep(Stopwatch.GetTimestamp());
            long left = until - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return;
            }

            _stopRequested.Wait((int)Math.Min(left * 1000 / Stopwatch.Frequency + 1, 500));
        }
    }
}
