namespace GruPedalPi.Hardware.Tests.Audio;

/// <summary>One JACK dummy server for the PortAudio tests, selected through JACK_DEFAULT_SERVER.</summary>
public sealed class JackServerFixture : IDisposable
{
    public JackServerFixture()
    {
        Server = new JackServer(framesPerPeriod: 64);
        NativeEnvironment.Set("JACK_DEFAULT_SERVER", Server.Name);
    }

    public JackServer Server { get; }

    public void Dispose() => Server.Dispose();
}
