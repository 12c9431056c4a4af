namespace GruPedalPi.Dsp;

/// <summary>
/// The contract every in-place DSP stage keeps (the gate, the gains, the unit, the DC blocker, the tone, the mixer,
/// the bypass fade, the delay, the chain itself):
/// <list type="bullet">
/// <item><see cref="Prepare"/> allocates and validates; nothing else does.</item>
/// <item><see cref="Process"/> and <see cref="Reset"/> allocate nothing, take no lock and throw nothing.</item>
/// <item>The output does not depend on how the input is cut into blocks (1 sample or <c>maxBlockSize</c>).</item>
/// <item>After NaN, infinite or subnormal input the stage plays normally again: no state keeps a bad value. The stages
/// that take the signal first (<see cref="PedalChain"/>, <see cref="MinimalGatedUnit"/>) guard their input
/// (<see cref="SignalGuard"/>), so nothing non-finite ever leaves them; the stages inside the chain rely on that guard.</item>
/// <item><see cref="Reset"/> returns the stage to the state <see cref="Prepare"/> left: the same input gives the same output.</item>
/// </list>
/// <c>tests/Dsp.Tests/StageContractTests.cs</c> holds every stage to this. The oversampler's halves
/// (<see cref="Interpolator2x"/>, <see cref="Decimator2x"/>) change the rate, and <see cref="LinearSmoother"/> is a
/// control-rate ramp: they are building blocks of stages, not stages.
/// </summary>
public interface IAudioStage
{
    /// <summary>The delay this stage adds, in samples at the host rate (0 for most stages).</summary>
    int LatencySamples { get; }

    /// <summary>Allocates and validates for a stream.</summary>
    /// <param name="sampleRateHz">The host rate in Hz; each stage states its range (the chain: 22050..192000).</param>
    /// <param name="maxBlockSize">The largest block <see cref="Process"/> will get, 1..65536 samples.</param>
    void Prepare(double sampleRateHz, int maxBlockSize);

    /// <summary>Processes a block in place.</summary>
    /// <param name="block">Up to <c>maxBlockSize</c> samples, nominally -1..1 (anything, NaN included, is safe).</param>
    void Process(Span<float> block);

    /// <summary>Clears the state (filters, the unit's memory, ramps jump to their targets).</summary>
    void Reset();
}
