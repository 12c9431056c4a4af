namespace GruPedalPi.Firmware.Remote;

/// <summary>What a <c>bypass</c> or <c>tuner</c> request's "state" asks for: nothing given, on, off, or a toggle.</summary>
internal enum SwitchRequest
{
    /// <summary>No "state" field: the request reads the switch.</summary>
    None,
    /// <summary>"on": bypass, or engage the tuner.</summary>
    On,
    /// <summary>"off": engage the effect, or leave the tuner.</summary>
    Off,
    /// <summary>"toggle".</summary>
    Toggle,
}
