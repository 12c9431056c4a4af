namespace GruPedalPi.Dsp;

/// <summary>
/// The tuner's incremental front end: takes the input in blocks of any size, keeps the last
/// <see cref="PitchDetector.WindowLength"/> samples in a preallocated circular buffer, runs the
/// <see cref="PitchDetector"/> every hop, and turns its detections into a steady <see cref="TunerReading"/>.
/// <para>A detection counts when the window's RMS level reaches the silence threshold and the detector finds a pitch
/// (clarity at least 1 - its threshold). Any other detection (silence, noise, a chord) clears the history and the
/// reading. The reading's frequency is the median (in log frequency) of the last up to <see cref="HistoryLength"/>
/// counted detections; it is <see cref="TunerReading.Stable"/> once the last <see cref="StableCount"/> agree with that
/// median within <see cref="StableToleranceCents"/>. A detection more than <see cref="JumpCents"/> from the median
/// (a new note) restarts the history from it.</para>
/// <para>Maximum error of a stable reading, measured by the tests (docs/tuner.md): 0.05 cent on sines from 41.2 to
/// 1318.5 Hz, 0.93 cent on the built-in plucked strings (B1 to E4 at 44.1 and 48 kHz, against the string's true
/// pitch); the first stable reading comes 71..81 ms after a pluck with the default 10 ms hop.</para>
/// <para>Detections run at fixed sample positions (every hop, counted in samples), so the readings do not depend on
/// the block sizes. Allocation and validation only in the constructor; <see cref="Push"/> allocates nothing, takes no
/// lock, throws nothing and does no I/O. Not thread-safe: one thread pushes and reads (the service hands it a copy
/// of the input through a lock-free ring, off the audio thread).</para>
/// </summary>
public sealed class TunerAnalyzer
{
    /// <summary>How many detections the median spans.</summary>
    public const int HistoryLength = 5;

    /// <summary>How many consecutive detections must agree for a stable reading.</summary>
    public const int StableCount = 3;

    /// <summary>How close (in cents) to the median those detections must be.</summary>
    public const float StableToleranceCents = 3f;

    /// <summary>A detection further than this (in cents) from the median is a new note.</summary>
    public const float JumpCents = 50f;

    private readonly PitchDetector _detector;
    private readonly float[] _ring;
    private readonly float[] _window;
    private readonly double[] _historyMidi = new double[HistoryLength];
    private readonly double[] _sorted = new double[HistoryLength];
    private readonly int _hopSamples;
    private readonly double _referenceA4Hz;
    private readonly double _thresholdMeanSquare;
    private int _write;
    private int _filled;
    private int _sinceDetection;
    private int _historyCount;
    private int _historyNext;
    private bool _hasReading;
    private TunerReading _reading;

    /// <summary>Allocates the analyzer.</summary>
    /// <param name="sampleRateHz">Sample rate in Hz, 8000..192000.</param>
    /// <param name="hopMs">Time between detections in ms, 5..50 (default 10: a reading settles within about the window,
    /// 53 ms, plus two hops).</param>
    /// <param name="thresholdDb">Silence threshold: the window's RMS level in dBFS below which there is no reading,
    /// -90..-20 (default -60).</param>
    /// <param name="referenceA4Hz">The A4 reference in Hz, 430..450 (default 440).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter outside its range.</exception>
    public TunerAnalyzer(int sampleRateHz, double hopMs = 10, double thresholdDb = -60, double referenceA4Hz = TunerNote.DefaultReferenceA4Hz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRateHz, 192000);
        if (!(hopMs >= 5 && hopMs <= 50))
        {
            throw new ArgumentOutOfRangeException(nameof(hopMs), hopMs, "The hop must be 5..50 ms.");
        }

        if (!(thresholdDb >= -90 && thresholdDb <= -20))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdDb), thresholdDb, "The silence threshold must be -90..-20 dBFS.");
        }

        TunerNote.ValidateReference(referenceA4Hz);
        _detector = new PitchDetector(sampleRateHz);
        _ring = new float[_detector.WindowLength];
        _window = new float[_detector.WindowLength];
        _hopSamples = Math.Max(1, (int)Math.Round(hopMs * sampleRateHz / 1000.0));
        _referenceA4Hz = referenceA4Hz;
        _thresholdMeanSquare = Math.Pow(10, thresholdDb / 10.0);
        SampleRateHz = sampleRateHz;
        HopMs = hopMs;
        ThresholdDb = thresholdDb;
    }

    /// <summary>The sample rate in Hz.</summary>
    public int SampleRateHz { get; }

    /// <summary>The time between detections in ms.</summary>
    public double HopMs { get; }

    /// <summary>The hop in samples.</summary>
    public int HopSamples => _hopSamples;

    /// <summary>The silence threshold in dBFS (RMS).</summary>
    public double ThresholdDb { get; }

    /// <summary>The A4 reference in Hz.</summary>
    public double ReferenceA4Hz => _referenceA4Hz;

    /// <summary>The window the detector reads, in samples.</summary>
    public int WindowLength => _ring.Length;

    /// <summary>The detector (for its range and window).</summary>
    public PitchDetector Detector => _detector;

    /// <summary>True when there is a reading (a pitched signal above the silence threshold).</summary>
    public bool HasReading => _hasReading;

    /// <summary>The current reading; default when <see cref="HasReading"/> is false.</summary>
    public TunerReading Reading => _reading;

    /// <summary>How many detections have run since construction or <see cref="Reset"/>.</summary>
    public long Detections { get; private set; }

    /// <summary>Forgets the input, the history and the reading.</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _write = 0;
        _filled = 0;
        _sinceDetection = 0;
        Detections = 0;
        ClearHistory();
    }

    /// <summary>Takes the next block of input (samples in -1..1 full scale; any length, 0 included), running a detection
    /// at every hop boundary inside it.</summary>
    public void Push(ReadOnlySpan<float> block)
    {
        while (block.Length > 0)
        {
            int take = Math.Min(block.Length, _hopSamples - _sinceDetection);
            Append(block[..take]);
            block = block[take..];
            _sinceDetection += take;
            if (_sinceDetection >= _hopSamples)
            {
                _sinceDetection = 0;
                if (_filled >= _ring.Length)
                {
                    Detect();
                }
            }
        }
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        int size = _ring.Length;
        if (samples.Length >= size)
        {
            samples = samples[^size..];
        }

        int first = Math.Min(samples.Length, size - _write);
        samples[..first].CopyTo(_ring.AsSpan(_write));
        samples[first..].CopyTo(_ring);
        _write = (_write + samples.Length) % size;
        _filled = Math.Min(size, _filled + samples.Length);
    }

    private void Detect()
    {
        Detections++;
        // Unroll the ring, oldest first.
        int size = _ring.Length;
        _ring.AsSpan(_write).CopyTo(_window);
        _ring.AsSpan(0, _write).CopyTo(_window.AsSpan(size - _write));
        double sumSquares = 0;
        for (int i = 0; i < size; i++)
        {
            float s = _window[i];
            sumSquares += s * s;
        }

        bool loud = sumSquares / size >= _thresholdMeanSquare;
        if (!loud || !_detector.TryDetect(_window, out float frequencyHz, out float clarity))
        {
            ClearHistory();
            return;
        }

        double midi = 69.0 + (12.0 * Math.Log2(frequencyHz / _referenceA4Hz));
        if (_historyCount > 0 && Math.Abs(midi - Median()) * 100.0 > JumpCents)
        {
            ClearHistory();
        }

        _historyMidi[_historyNext] = midi;
        _historyNext = (_historyNext + 1) % HistoryLength;
        _historyCount = Math.Min(HistoryLength, _historyCount + 1);

        double median = Median();
        bool stable = _historyCount >= StableCount;
        for (int k = 1; k <= StableCount && stable; k++)
        {
            double recent = _historyMidi[(_historyNext - k + HistoryLength) % HistoryLength];
            stable = Math.Abs(recent - median) * 100.0 <= StableToleranceCents;
        }

        double medianHz = _referenceA4Hz * Math.Pow(2, (median - 69.0) / 12.0);
        var note = TunerNote.Nearest(medianHz, _referenceA4Hz);
        _reading = new TunerReading((float)medianHz, note.Name, note.Octave, (float)note.Cents, clarity, stable);
        _hasReading = true;
    }

    private double Median()
    {
        int n = _historyCount;
        for (int i = 0; i < n; i++)
        {
            // The last n entries, in any order (the median does not care).
            _sorted[i] = _historyMidi[(_historyNext - 1 - i + (2 * HistoryLength)) % HistoryLength];
        }

        for (int i = 1; i < n; i++)
        {
            double v = _sorted[i];
            int j = i - 1;
            while (j >= 0 && _sorted[j] > v)
            {
                _sorted[j + 1] = _sorted[j];
                j--;
            }

            _sorted[j + 1] = v;
        }

        return (n & 1) == 1 ? _sorted[n / 2] : 0.5 * (_sorted[(n / 2) - 1] + _sorted[n / 2]);
    }

    private void ClearHistory()
    {
        _historyCount = 0;
        _historyNext = 0;
        _hasReading = false;
        _reading = default;
    }
}
