namespace GruPedalPi.Dsp;

/// <summary>
/// A noise gate with hysteresis, hold and ramped gain. The detector is a one-pole mean square over
/// <see cref="DetectorMs"/> (an RMS level, so a hum's peaks do not flicker it); the gate opens when that level reaches the
/// threshold, stays open while it is above threshold minus hysteresis, then after the hold time closes. Opening, the
/// gain rises linearly in amplitude from where it is to exactly 1 within the attack time; closing, it falls
/// exponentially (linearly in dB) to the range within the release time. Gain, hold and detector advance per sample,
/// so the result does not depend on block sizes; nothing allocates after <see cref="Prepare"/>; the detector is flushed
/// of subnormals and fed only sanitized samples, and the gain never leaves range..1.
/// <para>A threshold below <see cref="MinThresholdDb"/> (the default, <see cref="OffThresholdDb"/>) switches the gate
/// off: the gain ramps to 1 and stays there. Parameters take effect at once (the gain ramps anyway): threshold
/// -96..-20 dBFS (RMS) or off, hysteresis 0..20 dB, attack 0.1..10 ms, hold 0..500 ms, release 5..1000 ms, range
/// -90..0 dB. Zero latency.</para>
/// </summary>
public sealed class NoiseGate : IAudioStage
{
    /// <summary>The lowest threshold that gates, in dBFS; anything below switches the gate off.</summary>
    public const float MinThresholdDb = -96f;

    /// <summary>The threshold value that means "off" (the default; the lower end of the parameter's range).</summary>
    public const float OffThresholdDb = -100f;

    /// <summary>Time constant of the detector's mean square, in ms.</summary>
    public const double DetectorMs = 10.0;

    private double _sampleRateHz = 48000;
    private float _thresholdDb = OffThresholdDb;
    private float _hysteresisDb = 6f;
    private float _attackMs = 1f;
    private float _holdMs = 50f;
    private float _releaseMs = 100f;
    private float _rangeDb = -90f;

    private float _detectorCoefficient;
    private float _openLevel;
    private float _closeLevel;
    private bool _off = true;
    private int _holdSamples;
    private float _attackStep = 1f;
    private float _releaseCoefficient;
    private float _floor;

    private float _meanSquare;
    private float _gain = 1f;
    private bool _open = true;
    private int _holdLeft;

    /// <summary>Latency: 0.</summary>
    public int LatencySamples => 0;

    /// <summary>The gain applied to the last sample (range..1).</summary>
    public float Gain => _gain;

    /// <summary>True while the gate is open (or off).</summary>
    public bool IsOpen => _open;

    /// <summary>True when the threshold switches the gate off.</summary>
    public bool IsOff => _off;

    /// <summary>How many times the gate has opened since <see cref="Prepare"/> or <see cref="Reset"/>.</summary>
    public long Openings { get; private set; }

    /// <summary>Computes the coefficients for the rate (sampleRateHz &gt; 0) and clears the state.</summary>
    public void Prepare(double sampleRateHz, int maxBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        _sampleRateHz = sampleRateHz;
        _detectorCoefficient = (float)(1 - Math.Exp(-1000.0 / (DetectorMs * sampleRateHz)));
        Update();
        Reset();
    }

    /// <summary>Clears the detector; the gate starts open when off, closed (at its range) otherwise.</summary>
    public void Reset()
    {
        _meanSquare = 0f;
        _open = _off;
        _gain = _off ? 1f : _floor;
        _holdLeft = 0;
        Openings = 0;
    }

    /// <summary>Threshold in dBFS (RMS), -96..-20; below -96 switches the gate off.</summary>
    public void SetThresholdDb(float thresholdDb)
    {
        _thresholdDb = Math.Min(thresholdDb, -20f);
        Update();
    }

    /// <summary>How far below the threshold the gate closes, 0..20 dB.</summary>
    public void SetHysteresisDb(float hysteresisDb)
    {
        _hysteresisDb = Math.Clamp(hysteresisDb, 0f, 20f);
        Update();
    }

    /// <summary>Attack: the time the gain takes from closed to 1, 0.1..10 ms.</summary>
    public void SetAttackMs(float attackMs)
    {
        _attackMs = Math.Clamp(attackMs, 0.1f, 10f);
        Update();
    }

    /// <summary>Hold: how long the gate stays open after the level falls below threshold minus hysteresis, 0..500 ms.</summary>
    public void SetHoldMs(float holdMs)
    {
        _holdMs = Math.Clamp(holdMs, 0f, 500f);
        Update();
    }

    /// <summary>Release: the time the gain takes from 1 to the range, 5..1000 ms.</summary>
    public void SetReleaseMs(float releaseMs)
    {
        _releaseMs = Math.Clamp(releaseMs, 5f, 1000f);
        Update();
    }

    /// <summary>Range: the gain when closed, -90..0 dB.</summary>
    public void SetRangeDb(float rangeDb)
    {
        _rangeDb = Math.Clamp(rangeDb, -90f, 0f);
        Update();
    }

    /// <summary>Gates a block by its own level.</summary>
    public void Process(Span<float> block) => Process(block, block);

    /// <summary>Gates <paramref name="target"/> by the level of <paramref name="detector"/> (sample i of each belongs
    /// together; detector must be finite, as the chain's sanitized input is).</summary>
    public void Process(ReadOnlySpan<float> detector, Span<float> target)
    {
        float ms = _meanSquare, gain = _gain, c = _detectorCoefficient;
        bool open = _open;
        int holdLeft = _holdLeft;
        for (int i = 0; i < target.Length; i++)
        {
            float x = detector[i];
            ms += c * ((x * x) - ms);
            ms = ms >= 1e-20f ? ms : 0f; // also turns a NaN into 0
            if (_off)
            {
                open = true;
            }
            else if (ms >= _openLevel)
            {
                if (!open)
                {
                    Openings++;
                }

                open = true;
                holdLeft = _holdSamples;
            }
            else if (open)
            {
                if (ms >= _closeLevel)
                {
                    holdLeft = _holdSamples;
                }
                else if (holdLeft > 0)
                {
                    holdLeft--;
                }
                else
                {
                    open = false;
                }
            }

            if (open)
            {
                gain = gain < 1f ? MathF.Min(1f, gain + _attackStep) : 1f;
            }
            else if (gain > _floor)
            {
                gain = MathF.Max(_floor, gain * _releaseCoefficient);
            }
            else
            {
                gain = MathF.Min(_floor, gain + _attackStep);
            }

            target[i] *= gain;
        }

        _meanSquare = ms;
        _gain = gain;
        _open = open;
        _holdLeft = holdLeft;
    }

    private void Update()
    {
        bool wasOff = _off;
        _off = !(_thresholdDb >= MinThresholdDb);
        _openLevel = (float)Math.Pow(10, _thresholdDb / 10.0);
        _closeLevel = (float)Math.Pow(10, (_thresholdDb - _hysteresisDb) / 10.0);
        _holdSamples = (int)Math.Round(_holdMs * _sampleRateHz / 1000.0);
        _attackStep = (float)(1000.0 / (_attackMs * _sampleRateHz));
        _floor = (float)Math.Pow(10, _rangeDb / 20.0);
        double releaseSamples = Math.Max(1, _releaseMs * _sampleRateHz / 1000.0);
        _releaseCoefficient = _rangeDb < 0 ? (float)Math.Pow(10, _rangeDb / 20.0 / releaseSamples) : 1f;
        if (wasOff && !_off)
        {
            // Switched on: it stays open until the level has been below the closing level for the hold time.
            _holdLeft = _holdSamples;
        }
    }
}
