namespace GruPedalPi.SystemTests;

/// <summary>The tests that share one booted system (<see cref="BootedSystem"/>).</summary>
[CollectionDefinition(Name)]
public sealed class BootedSystemCollection : ICollectionFixture<BootedSystem>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "booted system";
}
