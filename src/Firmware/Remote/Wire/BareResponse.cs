namespace GruPedalPi.Firmware.Remote.Wire;

/// <summary>A response read for its envelope only: an error, or a command whose result the reader does not need.</summary>
public sealed record BareResponse : ControlResponse;
