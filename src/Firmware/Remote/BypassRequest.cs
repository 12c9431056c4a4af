namespace GruPedalPi.Firmware.Remote;

/// <summary>What a <c>bypass</c> request asks for: nothing given, on, off, or a toggle.</summary>
internal enum BypassRequest
{
    /// <summary>No "state" field: the request reads the bypass.</summary>
    None,
    /// <summary>"on": bypass.</summary>
    On,
    /// <summary>"off": engage.</summary>
    Off,
    /// <summary>"toggle".</summary>
    Toggle,
}
