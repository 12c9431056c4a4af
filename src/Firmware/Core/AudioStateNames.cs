namespace GruPedalPi.Firmware.Core;

/// <summary>The wire names of <see cref="AudioState"/>, as text and as UTF-8 for the allocation-free status writer.</summary>
public static class AudioStateNames
{
    /// <summary>The state's lower-case name (<c>playing</c>).</summary>
    /// <param name="state">Any state.</param>
    /// <returns>The name; never allocates.</returns>
    public static string Name(AudioState state) => state switch
    {
        AudioState.Stopped => "stopped",
        AudioState.Starting => "starting",
        AudioState.Playing => "playing",
        AudioState.Fault => "fault",
        AudioState.Simulated => "simulated",
        _ => "unknown",
    };

    /// <summary>The state's lower-case name in UTF-8, from static data.</summary>
    /// <param name="state">Any state.</param>
    /// <returns>The name's bytes; never allocates.</returns>
    public static ReadOnlySpan<byte> Utf8(AudioState state) => state switch
    {
        AudioState.Stopped => "stopped"u8,
        AudioState.Starting => "starting"u8,
        AudioState.Playing => "playing"u8,
        AudioState.Fault => "fault"u8,
        AudioState.Simulated => "simulated"u8,
        _ => "unknown"u8,
    };
}
