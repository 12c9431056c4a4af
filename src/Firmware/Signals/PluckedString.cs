namespace GruPedalPi.Firmware.Signals;

/// <summary>
/// One plucked string (Karplus-Strong): a noise burst circulating in a delay line of one period, through a two-point
/// average (the string's high-frequency loss) and a loss factor set by the ring time. A fractional delay (linear
/// interpolation) keeps it in tune. Deterministic: the burst comes from a seeded xorshift generator.
/// </summary>
internal sealed class PluckedString
{
    private readonly float[] _line;
    private readonly double _periodSamples;
    private readonly double _frequencyHz;
    private readonly int _sampleRateHz;
    private int _write;
    private float _previous;
    private float _loss;
    private float _brightness;

    /// <summary>Plucks a string.</summary>
    /// <param name="frequencyHz">Pitch in Hz, 40..2000.</param>
    /// <param name="sampleRateHz">Sample rate in Hz.</param>
    /// <param name="ringSeconds">Time for the note to decay by 60 dB while held, in seconds (about 0.1 palm-muted, 3 open).</param>
    /// <param name="brightness">0..1: 1 averages the least (bright pick attack), 0 the most (dark, thumb-like).</param>
    /// <param name="velocity">Pluck strength, 0..1.</param>
    /// <param name="seed">Seed of the noise burst (any value but 0).</param>
    public PluckedString(double frequencyHz, int sampleRateHz, double ringSeconds, float brightness, float velocity, uint seed)
    {
        _frequencyHz = frequencyHz;
        _sampleRateHz = sampleRateHz;
        // The two-point average delays by half a sample: take it out of the line so the loop is one period long.
        _periodSamples = (sampleRateHz / frequencyHz) - 0.5;
        _line = new float[(int)Math.Ceiling(_periodSamples) + 2];
        _brightness = Math.Clamp(brightness, 0f, 1f);
        SetRing(ringSeconds);

        // Burst: white noise, smoothed more for a softer pluck, then DC removed so the string does not drift.
        uint state = seed == 0 ? 0x9E3779B9u : seed;
        int length = (int)Math.Floor(_periodSamples);
        float smooth = 0.5f * (1f - velocity);
        float lowpassed = 0;
        double mean = 0;
        for (int i = 0; i < length; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            float noise = (state / (float)uint.MaxValue * 2f) - 1f;
            lowpassed += (1f - smooth) * (noise - lowpassed);
            _line[i] = lowpassed * velocity;
            mean += _line[i];
        }

        mean /= length;
        for (int i = 0; i < length; i++)
        {
            _line[i] -= (float)mean;
        }

        _write = length;
    }

    /// <summary>Changes the ring time (e.g. shorter when the note is released or muted).</summary>
    public void SetRing(double ringSeconds)
    {
        // The sample passes the loss once a period: after t seconds it has been scaled by loss^(t*f) = 10^(-3) at t60.
        _loss = (float)Math.Pow(10, -3.0 / (Math.Max(ringSeconds, 1e-3) * _frequencyHz));
    }

    /// <summary>Adds the string's next <paramref name="output"/>.Length samples, scaled by <paramref name="gain"/>, to it.</summary>
    public void AddTo(Span<float> output, float gain)
    {
        int size = _line.Length;
        double delay = _periodSamples;
        int whole = (int)delay;
        float frac = (float)(delay - whole);
        float keep = 0.5f + (0.5f * _brightness * 0.9f);
        for (int n = 0; n < output.Length; n++)
        {
            // Read one period back (linear interpolation between the two neighbours).
            int a = _write - whole;
            if (a < 0)
            {
                a += size;
            }

            int b = a - 1;
            if (b < 0)
            {
                b += size;
            }

            float delayed = ((1f - frac) * _line[a]) + (frac * _line[b]);
            // Weighted average with the previous sample: the string's frequency-dependent loss.
            float next = _loss * ((keep * delayed) + ((1f - keep) * _previous));
            _previous = delayed;
            _line[_write] = next;
            _write++;
            if (_write == size)
            {
                _write = 0;
            }

            output[n] += gain * delayed;
        }
    }

    /// <summary>The sample rate in Hz.</summary>
    public int SampleRateHz => _sampleRateHz;
}
