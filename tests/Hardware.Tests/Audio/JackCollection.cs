namespace GruPedalPi.Hardware.Tests.Audio;

/// <summary>The tests that talk to the JACK server run one after another (one PortAudio, one process environment).</summary>
[CollectionDefinition(Name)]
public sealed class JackCollection : ICollectionFixture<JackServerFixture>
{
    public const string Name = "JACK";
}
