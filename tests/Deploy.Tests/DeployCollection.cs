namespace GruPedalPi.Deploy.Tests;

/// <summary>All deploy tests share one <see cref="DeployFixture"/> and run one after another (they build and
/// install packages: running them side by side would only fight over the two cores).</summary>
[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<DeployFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Deploy";
}
