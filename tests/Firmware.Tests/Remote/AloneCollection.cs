namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>Tests that load the machine (hundreds of processes, floods of connections) or measure allocations run
/// alone, after the parallel tests: they must not disturb real-time tests, nor be disturbed themselves.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "presets-and-control-alone";
}
