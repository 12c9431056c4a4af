using System.Diagnostics;
using System.Runtime.CompilerServices;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Interop;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// The pedal on the audio thread: per buffer it drains the <see cref="ParameterQueue"/> into the chain, takes the
/// guitar channel (or the looped input), runs the <see cref="PedalChain"/>, writes the configured outputs, feeds the
/// recorder ring, applies the stop fade and records the timing. Everything is preallocated in the constructor and
/// <see cref="Prepare"/>; <see cref="Process"/> allocates nothing, takes no lock and never blocks.
/// </summary>
public sealed class AudioEngine : IAudioCallback
{
    private readonly PedalChain _chain;
    private readonly ParameterQueue _queue;
    private readonly EngineRouting _routing;
    private readonly int[] _outputMap;
    private float[] _left = [];
    private float[] _right = [];
    private float[] _interleaved = [];
    private int _maxFrames;
    private LoopedInput? _input;
    private RecorderRing? _recorder;
    private RecorderRing? _tap;
    private volatile bool _tapEnabled;
    private volatile bool _muted;
    private readonly GainRamp _mute = new();
    private volatile bool _gateOpen;

    private volatile bool _fadeRequested;
    private volatile bool _fadedOut;
    private readonly GainRamp _fade = new();
    private double _sampleRateHz;
    private int _audioThreadId;
    private readonly long _stallAtCallback;
    private readonly int _stallMilliseconds;
    private bool _stalled;

    /// <summary>The tuner's mute fades over this long, 10 ms: short enough that a stage tuner feels instant, long enough
    /// that the cut makes no click.</summary>
    public const double MuteFadeMs = 10;

    /// <summary>Test-only fault hook: <c>CALLBACK:MILLISECONDS</c> makes the callback block once, for that long, when the
    /// statistics have counted that many callbacks (e.g. <c>1500:4000</c>), so that a test can watch the supervisor and
    /// the systemd watchdog react to a stalled audio thread. Never set in production; read once, in the constructor.</summary>
    public const string StallFaultEnvironmentVariable = "GRU_PEDAL_TEST_STALL_CALLBACK";

    /// <summary>Creates the engine around a chain (which it prepares) and the queue it drains.</summary>
    public AudioEngine(PedalChain chain, ParameterQueue queue, EngineRouting routing)
    {
        routing.Validate();
        _chain = chain;
        _queue = queue;
        _routing = routing;
        _outputMap = routing.OutputChannels.ToArray();
        var stall = Environment.GetEnvironmentVariable(StallFaultEnvironmentVariable)?.Split(':');
        if (stall is [var at, var ms] && long.TryParse(at, out _stallAtCallback) && int.TryParse(ms, out _stallMilliseconds))
        {
            _stallAtCallback = Math.Max(1, _stallAtCallback);
        }
        else
        {
            _stallAtCallback = 0;
        }
    }

    /// <summary>The chain.</summary>
    public PedalChain Chain => _chain;

    /// <summary>The routing.</summary>
    public EngineRouting Routing => _routing;

    /// <summary>The callback statistics.</summary>
    public RealtimeStatistics Statistics { get; } = new();

    /// <summary>The guitar input's level, before the chain (the left channel in stereo).</summary>
    public LevelMeter InputMeter { get; } = new();

    /// <summary>The output's level, after the chain, the tuner's mute and the stop fade (both channels in stereo).</summary>
    public LevelMeter OutputMeter { get; } = new();

    /// <summary>True while the noise gate is open, as of the last callback (any thread).</summary>
    public bool GateOpen => _gateOpen;

    /// <summary>True while the output is muted or fading to mute (the tuner); any thread.</summary>
    public bool Muted => _muted;

    /// <summary>True once a requested mute has faded the output to silence; any thread.</summary>
    public bool Silent => _muted && _mute.Gain == 0f;

    /// <summary>True while the dry input is copied into the tap ring (see <see cref="SetTap"/>).</summary>
    public bool TapEnabled
    {
        get => _tapEnabled;
        set => _tapEnabled = value;
    }

    /// <summary>The sample rate of the last <see cref="Prepare"/>, in Hz (0 before it).</summary>
    public double SampleRateHz => _sampleRateHz;

    /// <summary>The chain's channels: 1 or 2.</summary>
    public int Channels => _routing.Stereo ? 2 : 1;

    /// <summary>True once a requested fade-out has reached silence.</summary>
    public bool FadedOut => _fadedOut;

    /// <summary>The OS thread id of the audio thread (0 before the first callback).</summary>
    public int AudioThreadId => Volatile.Read(ref _audioThreadId);

    /// <summary>Commands applied by the audio thread since the start.</summary>
    public long CommandsApplied { get; private set; }

    /// <summary>Sizes every buffer and prepares the chain. sampleRateHz 44100..192000; maxFrames 1..8192.</summary>
    public void Prepare(double sampleRateHz, int maxFrames)
    {
        _sampleRateHz = sampleRateHz;
        _maxFrames = maxFrames;
        _left = new float[maxFrames];
        _right = new float[maxFrames];
        _interleaved = new float[maxFrames * 2];
        _chain.Prepare(sampleRateHz, maxFrames);
        InputMeter.Prepare(sampleRateHz, 1);
        OutputMeter.Prepare(sampleRateHz, Channels);
        _mute.SetDuration(MuteFadeMs, sampleRateHz);
    }

    /// <summary>Copies the dry guitar input (the left channel in stereo) into <paramref name="ring"/> while
    /// <see cref="TapEnabled"/> is true, for analysis off the audio thread (the tuner); null: no tap. Any time: the
    /// audio thread reads the reference once per block.</summary>
    public void SetTap(RecorderRing? ring) => Volatile.Write(ref _tap, ring);

    /// <summary>Mutes (true) or unmutes the output with a <see cref="MuteFadeMs"/> linear fade; any thread, never blocks.
    /// The meters, the tap and the recorder keep running; the input meter still shows the guitar.</summary>
    public void SetMuted(bool muted) => _muted = muted;

    /// <summary>Plays a preloaded loop instead of the device's input (null: the device's input). Not while running.</summary>
    public void SetInput(LoopedInput? input) => _input = input;

    /// <summary>Writes the output into this ring too (null: no recording). Not while running.</summary>
    public void SetRecorder(RecorderRing? ring) => _recorder = ring;

    /// <summary>
    /// Warms the engine for a new stream, off the audio thread (before the stream starts): runs the whole processing
    /// path <paramref name="warmupBuffers"/> times on a synthetic block (compiles it, touches every page the callback
    /// uses), then clears the chain and the statistics. Call <see cref="Arm"/> next.
    /// </summary>
    /// <param name="framesPerBuffer">The stream's frames per buffer, 1..maxFrames.</param>
    /// <param name="warmupSeconds">Start-up time kept out of the steady-state statistics, 0..60 s.</param>
    /// <param name="warmupBuffers">Synthetic buffers to run, 0..100000.</param>
    public void Warm(int framesPerBuffer, double warmupSeconds, int warmupBuffers = 2000)
    {
        framesPerBuffer = Math.Min(framesPerBuffer, _maxFrames);
        int inChannels = _routing.DeviceInputChannels;
        int outChannels = _routing.DeviceOutputChannels;
        var input = new float[framesPerBuffer * inChannels];
        var output = new float[framesPerBuffer * outChannels];
        var random = new Random(1);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)(random.NextDouble() - 0.5);
        }

        var recorder = _recorder;
        var loop = _input;
        bool muted = _muted;
        _recorder = null;
        Statistics.Configure(_sampleRateHz, framesPerBuffer, warmupSeconds);
        Statistics.Warm();
        var warm = PedalSettings.Defaults;
        for (int i = 0; i < warmupBuffers; i++)
        {
            // Exercise the command paths, both input paths and the fade too.
            _queue.TryEnqueue(ParameterCommand.Parameter(ParameterId.Wh, 1f + (i & 1)));
            if ((i & 63) == 0)
            {
                _queue.TryEnqueue(ParameterCommand.All(warm));
                _queue.TryEnqueue(ParameterCommand.Bypass((i & 64) != 0));
            }

            _input = (i & 1) == 0 ? loop : null;
            _muted = (i & 128) != 0; // the mute's fade, both ways
            if (i == warmupBuffers - 64)
            {
                RequestFadeOut(1);
            }

            var block = new AudioBlock(input, output, framesPerBuffer, inChannels, outChannels, AudioStatusFlags.None, 0, 0);
            Process(in block);
        }

        _input = loop;
        _recorder = recorder;
        _recorder?.Warm();
        Volatile.Read(ref _tap)?.Warm();
        _muted = muted;
        _mute.Jump(muted ? 0f : 1f);
        _chain.Reset();
        _fadeRequested = false;
        _fadedOut = false;
        _fade.Jump(1f);
        Statistics.Configure(_sampleRateHz, framesPerBuffer, warmupSeconds);
        Statistics.Warm();
    }

    /// <summary>
    /// Readies the engine for the stream's first callback, off the audio thread: discards queued commands, then
    /// jumps the chain to <paramref name="control"/>'s current settings and bypass (read after the discard, so no
    /// change is lost), rewinds the input and clears the statistics.
    /// </summary>
    public void Arm(Core.IPedalControl control)
    {
        while (_queue.TryDequeue(out _))
        {
        }

        _chain.Reset();
        _chain.SetAll(control.Settings, immediate: true);
        _chain.SetBypass(control.Bypassed, immediate: true);
        _input?.Rewind();
        _fadeRequested = false;
        _fadedOut = false;
        _fade.Jump(1f);
        _mute.Jump(_muted ? 0f : 1f);
        _audioThreadId = 0;
        CommandsApplied = 0;
        InputMeter.Reset();
        OutputMeter.Reset();
        Statistics.Reset();
    }

    /// <summary>Starts a linear fade to silence over <paramref name="fadeMs"/> (1..1000 ms); <see cref="FadedOut"/> turns true at the end.</summary>
    public void RequestFadeOut(double fadeMs = 30)
    {
        _fade.SetDuration(fadeMs, _sampleRateHz);
        _fadeRequested = true;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(in AudioBlock block)
    {
        long start = Stopwatch.GetTimestamp();
        if (_audioThreadId == 0)
        {
            Volatile.Write(ref _audioThreadId, LibC.GetTid());
        }

        if (_stallAtCallback > 0 && !_stalled && Statistics.Callbacks >= _stallAtCallback)
        {
            _stalled = true;
            Thread.Sleep(_stallMilliseconds); // the test-only fault: a stalled audio thread
        }

        DrainQueue();

        int frames = block.Frames;
        int done = 0;
        while (done < frames)
        {
            int n = Math.Min(frames - done, _maxFrames);
            ProcessSlice(block, done, n);
            done += n;
        }

        _gateOpen = _chain.GateOpen;

        Statistics.Record(start, Stopwatch.GetTimestamp(), block.Status);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DrainQueue()
    {
        while (_queue.TryDequeue(out var command))
        {
            switch (command.Kind)
            {
                case ParameterCommandKind.SetParameter:
                    _chain.SetParameter(command.Id, command.Value);
                    break;
                case ParameterCommandKind.SetAll:
                    _chain.SetAll(command.Settings);
                    break;
                case ParameterCommandKind.SetBypass:
                    _chain.SetBypass(command.Value != 0f);
                    break;
            }

            CommandsApplied++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessSlice(in AudioBlock block, int offset, int frames)
    {
        bool stereo = _routing.Stereo;
        var left = _left.AsSpan(0, frames);
        var right = stereo ? _right.AsSpan(0, frames) : Span<float>.Empty;

        if (_input is { } loop)
        {
            loop.Read(left, right);
        }
        else
        {
            int inChannels = block.InputChannels;
            int channel = _routing.InputChannel;
            var input = block.Input;
            int available = input.Length / inChannels;
            for (int i = 0; i < frames; i++)
            {
                int frame = offset + i;
                left[i] = frame < available ? input[frame * inChannels + channel] : 0f;
            }

            if (stereo)
            {
                for (int i = 0; i < frames; i++)
                {
                    int frame = offset + i;
                    right[i] = frame < available ? input[frame * inChannels + channel + 1] : 0f;
                }
            }
        }

        InputMeter.Accumulate(left);
        if (_tapEnabled && Volatile.Read(ref _tap) is { } tap)
        {
            tap.Write(left);
        }

        if (stereo)
        {
            _chain.Process(left, right);
        }
        else
        {
            _chain.Process(left);
        }

        if (_muted || _mute.Gain < 1f)
        {
            _mute.Apply(left, right, towardZero: _muted); // MuteFadeMs per full swing, both ways
        }

        if (_fadeRequested)
        {
            _fade.Apply(left, right, towardZero: true);
            if (_fade.Gain == 0f)
            {
                _fadedOut = true;
            }
        }

        OutputMeter.Accumulate(left);
        if (stereo)
        {
            OutputMeter.Accumulate(right);
        }

        if (_recorder is { } ring)
        {
            if (stereo)
            {
                var inter = _interleaved.AsSpan(0, frames * 2);
                for (int i = 0; i < frames; i++)
                {
                    inter[2 * i] = left[i];
                    inter[2 * i + 1] = right[i];
                }

                ring.Write(inter);
            }
            else
            {
                ring.Write(left);
            }
        }

        var output = block.Output;
        int outChannels = block.OutputChannels;
        output.Slice(offset * outChannels, frames * outChannels).Clear();
        var map = _outputMap;
        for (int m = 0; m < map.Length; m++)
        {
            int c = map[m];
            if (c >= outChannels)
            {
                continue;
            }

            var source = stereo && (m & 1) == 1 ? right : left;
            for (int i = 0; i < frames; i++)
            {
                output[(offset + i) * outChannels + c] = source[i];
            }
        }
    }
}
