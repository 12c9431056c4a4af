using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GruPedalPi.Firmware.Tuning;

/// <summary>
/// The pedal's tuner. Engaged, it mutes the engine's output (a <see cref="AudioEngine.MuteFadeMs"/> fade, as stage
/// tuners do) and turns on the engine's input tap: the audio thread copies the dry guitar signal into a preallocated
/// lock-free ring, and the tuner's own thread (below normal priority, never real-time) reads it and runs the
/// <see cref="TunerAnalyzer"/> (YIN, 10 ms hops). The result is published through a sequence lock, so the socket reads
/// it without a lock. Disengaged, the thread sleeps on an event and the audio thread copies nothing. Steady state
/// (engaged or not) allocates nothing; a new analyzer is built only when the stream's sample rate changes.
/// </summary>
public sealed class Tuner : ITunerControl, IDisposable
{
    /// <summary>The tap ring: 16 384 samples, 341 ms at 48 kHz, enough for the thread to sleep 5 ms between reads
    /// with room to spare.</summary>
    public const int TapSamples = 16384;

    private readonly AudioEngine _engine;
    private readonly ILogger _logger;
    private readonly RecorderRing _tap = new(TapSamples);
    private readonly float[] _block = new float[4096];
    private readonly SeqLockValue<TunerFrame> _frame = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly object _gate = new();
    private Thread? _thread;
    private volatile bool _engaged;
    private volatile bool _restart;
    private volatile bool _stopping;
    private double _referenceA4Hz = TunerNote.DefaultReferenceA4Hz;

    /// <summary>Creates the tuner around the engine whose input it hears; call <see cref="Start"/> to start its thread.</summary>
    /// <param name="engine">The audio engine (its tap and mute are the tuner's).</param>
    /// <param name="logger">Where engaging and disengaging are reported, or null.</param>
    public Tuner(AudioEngine engine, ILogger? logger = null)
    {
        _engine = engine;
        _logger = logger ?? NullLogger.Instance;
        _engine.SetTap(_tap);
    }

    /// <inheritdoc />
    public bool Engaged => _engaged;

    /// <inheritdoc />
    public double ReferenceA4Hz => Volatile.Read(ref _referenceA4Hz);

    /// <summary>Samples the audio thread dropped because the tuner's thread fell behind (a figure for the tests).</summary>
    public long DroppedSamples => _tap.Dropped;

    /// <summary>Starts the analysis thread (once).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_thread is not null)
            {
                return;
            }

            _tap.Warm();
            _thread = new Thread(Run) { Name = "gru-tuner", IsBackground = true, Priority = ThreadPriority.BelowNormal };
            _thread.Start();
        }
    }

    /// <inheritdoc />
    public void SetEngaged(bool engaged, ControlSource source)
    {
        lock (_gate)
        {
            if (engaged == _engaged)
            {
                return;
            }

            if (engaged)
            {
                _restart = true;
                _engaged = true;
                _engine.TapEnabled = true;
                _engine.SetMuted(true);
                _wake.Set();
            }
            else
            {
                _engaged = false;
                _engine.SetMuted(false);
                _engine.TapEnabled = false;
                _wake.Reset();
                _frame.Publish(default);
            }
        }

        _logger.LogInformation("Tuner {State} ({Source})", engaged ? "on: output muted" : "off: output back", source);
    }

    /// <inheritdoc />
    public void SetReference(double referenceA4Hz)
    {
        TunerNote.ValidateReference(referenceA4Hz);
        Volatile.Write(ref _referenceA4Hz, referenceA4Hz);
    }

    /// <inheritdoc />
    public TunerState Read()
    {
        var frame = _frame.Read();
        double reference = ReferenceA4Hz;
        bool engaged = _engaged;
        if (!engaged || !frame.HasPitch || !(frame.FrequencyHz > 0))
        {
            return new TunerState { Engaged = engaged, Muted = _engine.Silent, ReferenceA4Hz = reference, Detections = frame.Detections };
        }

        var note = TunerNote.FromFrequency(frame.FrequencyHz, reference);
        return new TunerState
        {
            Engaged = true,
            Muted = _engine.Silent,
            ReferenceA4Hz = reference,
            HasPitch = true,
            FrequencyHz = frame.FrequencyHz,
            NoteName = note.Name,
            Octave = note.Octave,
            Cents = (float)note.Cents,
            Stable = frame.Stable,
            Detections = frame.Detections,
        };
    }

    private void Run()
    {
        TunerAnalyzer? analyzer = null;
        int rateHz = 0;
        while (!_stopping)
        {
            if (!_engaged)
            {
                _wake.Wait();
                continue;
            }

            int engineRateHz = (int)Math.Round(_engine.SampleRateHz);
            if (engineRateHz < 8000)
            {
                Thread.Sleep(10); // the stream has not been prepared yet
                continue;
            }

            if (engineRateHz != rateHz)
            {
                analyzer = new TunerAnalyzer(engineRateHz); // only when the rate changes: the one allocation
                rateHz = engineRateHz;
            }

            if (_restart)
            {
                _restart = false;
                while (_tap.Read(_block) > 0)
                {
                    // Forget what was heard before this engagement.
                }

                analyzer!.Reset();
            }

            int n = _tap.Read(_block);
            if (n == 0)
            {
                Thread.Sleep(5);
                continue;
            }

            analyzer!.Push(_block.AsSpan(0, n));
            var reading = analyzer.Reading;
            if (_engaged)
            {
                _frame.Publish(analyzer.HasReading
                    ? new TunerFrame(true, reading.Stable, reading.FrequencyHz, analyzer.Detections)
                    : new TunerFrame(false, false, 0f, analyzer.Detections));
            }
        }
    }

    /// <summary>Disengages the tuner and stops its thread.</summary>
    public void Dispose()
    {
        SetEngaged(false, ControlSource.Startup);
        _stopping = true;
        _wake.Set();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _engine.SetTap(null);
        _wake.Dispose();
    }
}
