namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>
/// A response's <c>ok</c> and <c>service</c> flags alone, read before the rest: a failed response is then read as a
/// <see cref="BareResponse"/> (its <c>error</c> object), a successful one as its command's type (in which
/// <c>setlist.show</c> uses the name <c>error</c> for a string).
/// </summary>
public sealed record ResponseOutcome
{
    /// <summary>Whether the request succeeded.</summary>
    public bool Ok { get; init; }

    /// <summary>True when the running service answered; false when the command line answered from the files.</summary>
    public bool Service { get; init; }
}
