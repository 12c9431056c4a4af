using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Hardware.Tests.Controls;

public sealed class KnobPickupTests
{
    [Fact]
    public void A_live_knob_controls_its_parameter()
    {
        var p = new KnobPickup(jump: false);
        Assert.False(p.Waiting);
        Assert.True(p.Observe(0.3));
    }

    [Fact]
    public void In_pickup_mode_the_knob_waits_until_it_crosses_the_value()
    {
        var p = new KnobPickup(jump: false);
        p.Arm(targetPosition: 0.6, knobPosition: 0.2);
        Assert.False(p.Observe(0.3));
        Assert.False(p.Observe(0.5));
        Assert.False(p.Observe(0.1));
        Assert.True(p.Observe(0.65)); // across
        Assert.False(p.Waiting);
        Assert.True(p.Observe(0.1));  // live from now on
    }

    [Fact]
    public void Reaching_the_value_from_above_within_the_tolerance_takes_over()
    {
        var p = new KnobPickup(jump: false);
        p.Arm(0.4, 0.9);
        Assert.False(p.Observe(0.5));
        Assert.True(p.Observe(0.405));
    }

    [Fact]
    public void A_knob_already_at_the_value_takes_over_on_its_first_move()
    {
        var p = new KnobPickup(jump: false);
        p.Arm(0.5, 0.5);
        Assert.True(p.Observe(0.52));
    }

    [Fact]
    public void In_jump_mode_any_movement_takes_over()
    {
        var p = new KnobPickup(jump: true);
        p.Arm(0.9, 0.1);
        Assert.True(p.Waiting);
        Assert.True(p.Observe(0.12));
    }
}
