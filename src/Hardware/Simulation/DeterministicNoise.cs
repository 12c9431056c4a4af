namespace GruPedalPi.Hardware.Simulation;

/// <summary>
/// The simulated ADCs' noise source: a xorshift32 sequence from a fixed seed, so a simulated run is repeatable.
/// Allocation-free; not thread-safe (each chip owns one and draws from it in its conversion path).
/// </summary>
internal struct DeterministicNoise
{
    private uint _state;

    /// <summary>Starts the sequence at <paramref name="seed"/> (any non-zero value).</summary>
    public DeterministicNoise(uint seed)
    {
        _state = seed;
    }

    /// <summary>A uniform integer offset in -<paramref name="amplitude"/>..+<paramref name="amplitude"/> (amplitude 0..10^6).</summary>
    public int NextOffset(int amplitude)
    {
        var x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return (int)(x % (uint)(2 * amplitude + 1)) - amplitude;
    }
}
