namespace GruPedalPi.Hardware.Adc;

/// <summary>An analog-to-digital converter the knobs' potentiometers are wired to. Called on the control thread only.</summary>
public interface IKnobAdc : IDisposable
{
    /// <summary>A short name for messages ("mcp3008", "ads1115").</summary>
    string Name { get; }

    /// <summary>Number of single-ended channels (8 for the MCP3008, 4 for the ADS1115).</summary>
    int ChannelCount { get; }

    /// <summary>The reading for a wiper at the top of the potentiometer (the supply voltage).</summary>
    int FullScale { get; }

    /// <summary>Reads one channel (0..<see cref="ChannelCount"/>-1): 0 (ground) .. <see cref="FullScale"/>. Allocation-free.</summary>
    int Read(int channel);
}
