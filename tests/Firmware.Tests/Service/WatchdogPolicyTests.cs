using GruPedalPi.Firmware.Service;

namespace GruPedalPi.Firmware.Tests.Service;

public sealed class WatchdogPolicyTests
{
    private const long Second = 1000;

    [Fact]
    public void A_stopped_policy_never_pings()
    {
        var policy = new WatchdogPolicy(20 * Second);
        Assert.False(policy.ShouldPing(callbacks: 5, nowTicks: 0));
        policy.BeginStep(0);
        policy.Stop();
        Assert.False(policy.ShouldPing(callbacks: 6, nowTicks: 1));
    }

    [Fact]
    public void While_playing_it_pings_only_when_the_callback_count_moved_since_the_last_tick()
    {
        var policy = new WatchdogPolicy(20 * Second);
        policy.EnterPlaying(callbacks: 100);
        Assert.True(policy.ShouldPing(callbacks: 850, nowTicks: 1 * Second));
        Assert.False(policy.ShouldPing(callbacks: 850, nowTicks: 2 * Second));
        Assert.False(policy.ShouldPing(callbacks: 850, nowTicks: 60 * Second));
        Assert.True(policy.ShouldPing(callbacks: 851, nowTicks: 61 * Second));
    }

    [Fact]
    public void While_recovering_it_pings_until_one_step_takes_longer_than_the_step_timeout()
    {
        var policy = new WatchdogPolicy(20 * Second);
        policy.BeginStep(100 * Second);
        Assert.True(policy.ShouldPing(callbacks: 0, nowTicks: 100 * Second));
        Assert.True(policy.ShouldPing(callbacks: 0, nowTicks: 119 * Second));
        Assert.False(policy.ShouldPing(callbacks: 0, nowTicks: 120 * Second));
        policy.BeginStep(121 * Second);
        Assert.True(policy.ShouldPing(callbacks: 0, nowTicks: 125 * Second));
    }

    [Fact]
    public void Playing_again_after_a_recovery_follows_the_callbacks_from_the_new_count()
    {
        var policy = new WatchdogPolicy(20 * Second);
        policy.BeginStep(0);
        policy.EnterPlaying(callbacks: 7);
        Assert.False(policy.ShouldPing(callbacks: 7, nowTicks: 1 * Second));
        Assert.True(policy.ShouldPing(callbacks: 9, nowTicks: 2 * Second));
    }

    [Fact]
    public void A_step_timeout_of_zero_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WatchdogPolicy(0));
    }
}
