using GruPedalPi.Dsp;

namespace GruPedalPi.Dsp.Tests;

public sealed class ParametersTests
{
    [Theory]
    [InlineData("wh", ParameterId.Wh)]
    [InlineData("Drive", ParameterId.Wh)]
    [InlineData("input-gain-db", ParameterId.InputGainDb)]
    [InlineData("bf", ParameterId.Bf)]
    public void A_parameter_is_found_by_its_seed_or_friendly_name(string name, ParameterId expected)
    {
        Assert.True(Parameters.TryFind(name, out var info));
        Assert.Equal(expected, info.Id);
    }

    [Fact]
    public void The_table_is_indexed_by_parameter_id()
    {
        for (int i = 0; i < Parameters.Count; i++)
        {
            Assert.Equal((ParameterId)i, Parameters.All[i].Id);
        }
    }

    [Fact]
    public void The_defaults_are_the_original_plugins()
    {
        var d = PedalSettings.Defaults;
        Assert.Equal(0.5f, d[ParameterId.Wf]);
        Assert.Equal(1.0f, d[ParameterId.Wh]);
        Assert.Equal(0.5f, d[ParameterId.Uf]);
        Assert.Equal(0.5f, d[ParameterId.Uh]);
        Assert.Equal(0.0f, d[ParameterId.Bf]);
    }
}
