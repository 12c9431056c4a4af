using System.Diagnostics;
using GruPedalPi.Hardware.Audio;

namespace GruPedalPi.Firmware.Engine;

/// <summary>
/// Callback statistics, written by the audio thread only (plain stores into preallocated fields and a
/// 1-microsecond histogram), read by any other thread through <see cref="Read"/> without locks.
/// <para>
/// Start-up and steady state are kept apart: the first <see cref="WarmupCallbacks"/> callbacks (the
/// warm-up: first touches, thread attach, JACK's first cycles) count only in the start-up figures;
/// percentiles, DSP load and late callbacks cover the steady state after them.
/// </para>
/// <para>
/// Deadline: callback n is expected at e(n) = e(n-1) + T, with T = frames / rate (the stream's period). The
/// schedule follows the device's clock: a callback that comes early re-anchors it (e(n) = start), and it follows
/// slow clock drift by 1/1024 of each start's offset. The deadline of callback n is e(n) + T: the moment the
/// next buffer is due. A callback is late when it starts or ends after its deadline (a late start re-anchors the
/// schedule, so one stall counts once). This needs frames per buffer equal to the device's period (JACK's -p).
/// </para>
/// </summary>
public sealed class RealtimeStatistics
{
    /// <summary>Width of the histogram in microseconds; longer callbacks go to the last bin (the max stays exact).</summary>
    public const int HistogramMaxUs = 20_000;

    private readonly long[] _histogram = new long[HistogramMaxUs + 1];

    // The readers' copy of the histogram, preallocated: a status request must not allocate 160 KB (a large
    // object whose collection would stall the audio thread). Readers are control-plane threads; they take
    // _readLock among themselves; the audio thread never does.
    private readonly long[] _readCopy = new long[HistogramMaxUs + 1];
    private readonly SpinGate _readLock = new();
    private readonly double _ticksPerUs = Stopwatch.Frequency / 1e6;
    private long _periodTicks;
    private long _warmupCallbacks;

    private long _callbacks;
    private long _xruns;
    private int _statusUnion;
    private long _firstCallbackTicks;
    private long _steadyStartTicks;
    private long _lastCallbackTicks;

    private long _startupLate;
    private long _startupXruns;
    private long _startupMaxTicks;

    private long _steadyCallbacks;
    private long _late;
    private long _lateStarts;
    private long _sumTicks;
    private long _maxTicks;
    private long _expected;

    /// <summary>Creates the statistics for a stream; call <see cref="Configure"/> before the first callback.</summary>
    public RealtimeStatistics()
    {
    }

    /// <summary>The callback period T in microseconds.</summary>
    public double PeriodUs { get; private set; }

    /// <summary>Callbacks counted as start-up.</summary>
    public long WarmupCallbacks => _warmupCallbacks;

    /// <summary>Callbacks since the stream started (any thread).</summary>
    public long Callbacks => Volatile.Read(ref _callbacks);

    /// <summary>True once the warm-up callbacks are past.</summary>
    public bool SteadyState => Volatile.Read(ref _steadyStartTicks) != 0;

    /// <summary>Sets the period and the warm-up length and clears everything. Not on the audio thread while it runs.</summary>
    /// <param name="sampleRateHz">The stream's rate, 8000..192000 Hz.</param>
    /// <param name="framesPerBuffer">Frames per callback, 1..65536.</param>
    /// <param name="warmupSeconds">Start-up time excluded from the steady-state figures, 0..60 s.</param>
    public void Configure(double sampleRateHz, int framesPerBuffer, double warmupSeconds)
    {
        double periodS = framesPerBuffer / sampleRateHz;
        PeriodUs = periodS * 1e6;
        _periodTicks = (long)(periodS * Stopwatch.Frequency);
        _warmupCallbacks = Math.Max(1, (long)Math.Ceiling(warmupSeconds / periodS));
        Reset();
    }

    /// <summary>Clears all counts (for a new stream). Not while the audio thread runs.</summary>
    public void Reset()
    {
        Array.Clear(_histogram);
        _callbacks = _xruns = 0;
        _statusUnion = 0;
        _firstCallbackTicks = _steadyStartTicks = _lastCallbackTicks = 0;
        _startupLate = _startupXruns = _startupMaxTicks = 0;
        _steadyCallbacks = _late = _lateStarts = _sumTicks = _maxTicks = 0;
        _expected = 0;
    }

    /// <summary>Touches every page of the histogram so the first callbacks do not fault them in.</summary>
    public void Warm()
    {
        for (int i = 0; i < _histogram.Length; i += 256)
        {
            _histogram[i] = 0;
        }
    }

    /// <summary>Records one callback. Audio thread only; no allocation.</summary>
    /// <param name="startTicks">Stopwatch timestamp when the callback began.</param>
    /// <param name="endTicks">Stopwatch timestamp when it finished.</param>
    /// <param name="status">The stream's status flags.</param>
    public void Record(long startTicks, long endTicks, AudioStatusFlags status)
    {
        long n = _callbacks;
        bool xrun = (status & (AudioStatusFlags.InputOverflow | AudioStatusFlags.InputUnderflow
            | AudioStatusFlags.OutputOverflow | AudioStatusFlags.OutputUnderflow)) != 0;
        long duration = endTicks - startTicks;

        bool late = false;
        if (n == 0)
        {
            Volatile.Write(ref _firstCallbackTicks, startTicks);
            _expected = startTicks;
        }
        else
        {
            long expected = _expected + _periodTicks;
            if (startTicks < expected)
            {
                expected = startTicks;
            }
            else
            {
                expected += (startTicks - expected) >> 10;
            }

            long deadline = expected + _periodTicks;
            if (startTicks > deadline)
            {
                late = true;
                if (n >= _warmupCallbacks)
                {
                    _lateStarts++;
                }

                expected = startTicks;
            }
            else if (endTicks > deadline)
            {
                late = true;
            }

            _expected = expected;
        }

        if (n < _warmupCallbacks)
        {
            if (xrun)
            {
                _startupXruns++;
            }

            if (late)
            {
                _startupLate++;
            }

            if (duration > _startupMaxTicks)
            {
                _startupMaxTicks = duration;
            }
        }
        else
        {
            if (n == _warmupCallbacks)
            {
                Volatile.Write(ref _steadyStartTicks, startTicks);
            }

            long us = (long)(duration / _ticksPerUs);
            _histogram[us < HistogramMaxUs ? us : HistogramMaxUs]++;
            _sumTicks += duration;
            if (duration > _maxTicks)
            {
                _maxTicks = duration;
            }

            if (late)
            {
                _late++;
            }

            _steadyCallbacks++;
        }

        if (xrun)
        {
            _xruns++;
            _statusUnion |= (int)status;
        }

        Volatile.Write(ref _lastCallbackTicks, endTicks);
        Volatile.Write(ref _callbacks, n + 1);
    }

    /// <summary>A consistent-enough copy of the figures (control plane only: readers serialize on a lock the audio
    /// thread never takes; the histogram is copied into a preallocated buffer, so only the result is allocated).</summary>
    public RealtimeFigures Read()
    {
        using (_readLock.Enter())
        {
            return ReadLocked();
        }
    }

    private RealtimeFigures ReadLocked()
    {
        long callbacks = Volatile.Read(ref _callbacks);
        var histogram = _readCopy;
        Array.Copy(_histogram, histogram, _histogram.Length);
        long steady = Volatile.Read(ref _steadyCallbacks);
        double toUs = 1e6 / Stopwatch.Frequency;
        long first = Volatile.Read(ref _firstCallbackTicks);
        long steadyStart = Volatile.Read(ref _steadyStartTicks);
        long last = Volatile.Read(ref _lastCallbackTicks);
        double max = Volatile.Read(ref _maxTicks) * toUs;
        double mean = steady > 0 ? Volatile.Read(ref _sumTicks) * toUs / steady : 0;
        return new RealtimeFigures
        {
            Callbacks = callbacks,
            SteadyCallbacks = steady,
            WarmupCallbacks = Math.Min(callbacks, _warmupCallbacks),
            Xruns = Volatile.Read(ref _xruns),
            XrunFlags = (AudioStatusFlags)Volatile.Read(ref _statusUnion),
            StartupXruns = Volatile.Read(ref _startupXruns),
            StartupLateCallbacks = Volatile.Read(ref _startupLate),
            StartupMaxUs = Volatile.Read(ref _startupMaxTicks) * toUs,
            LateCallbacks = Volatile.Read(ref _late),
            LateStarts = Volatile.Read(ref _lateStarts),
            PeriodUs = PeriodUs,
            P50Us = Math.Min(Percentile(histogram, 0.50), max),
            P99Us = Math.Min(Percentile(histogram, 0.99), max),
            P999Us = Math.Min(Percentile(histogram, 0.999), max),
            MaxUs = max,
            MeanUs = mean,
            DspLoad = PeriodUs > 0 ? mean / PeriodUs : 0,
            FirstCallbackTimestamp = first,
            SteadyStartTimestamp = steadyStart,
            LastCallbackTimestamp = last,
        };
    }

    private static double Percentile(long[] histogram, double q)
    {
        long total = 0;
        foreach (long c in histogram)
        {
            total += c;
        }

        if (total == 0)
        {
            return 0;
        }

        long rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (int i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= rank)
            {
                // Bin i holds durations in [i, i+1) us: report its upper edge (a conservative figure).
                return i + 1;
            }
        }

        return HistogramMaxUs;
    }
}
