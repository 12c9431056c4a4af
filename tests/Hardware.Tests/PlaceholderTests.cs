namespace GruPedalPi.Hardware.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void The_hardware_assembly_loads()
    {
        Assert.Equal("hardware", HardwareInfo.Area);
    }
}
