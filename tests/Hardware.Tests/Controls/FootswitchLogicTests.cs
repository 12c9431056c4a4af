using GruPedalPi.Hardware.Controls;

namespace GruPedalPi.Hardware.Tests.Controls;

public sealed class FootswitchLogicTests
{
    private sealed class Log : IFootswitchHandler
    {
        public List<string> Events { get; } = [];

        public void OnPress(long timeUs) => Events.Add($"press@{timeUs / 1000.0}");

        public void OnHold(long timeUs) => Events.Add($"hold@{timeUs / 1000.0}");

        public void OnRelease(long timeUs, bool wasHold) => Events.Add($"release@{timeUs / 1000.0}{(wasHold ? "(hold)" : "")}");
    }

    private static (FootswitchLogic Logic, Log Log) Make(double debounceMs = 20, double holdMs = 600)
    {
        var log = new Log();
        return (new FootswitchLogic(debounceMs, holdMs, log), log);
    }

    private static void Edges(FootswitchLogic logic, params (double Ms, bool Pressed)[] edges)
    {
        foreach (var (ms, pressed) in edges)
        {
            logic.OnEdge((long)(ms * 1000), pressed);
        }
    }

    [Fact]
    public void A_clean_tap_is_one_press_and_one_release_at_the_edges()
    {
        var (logic, log) = Make();
        Edges(logic, (100, true), (250, false));
        logic.Update(2000_000);
        Assert.Equal(new[] { "press@100", "release@250" }, log.Events);
    }

    [Fact]
    public void Bounce_on_the_press_and_on_the_release_up_to_10_ms_gives_one_press_and_one_release()
    {
        var (logic, log) = Make();
        Edges(logic,
            (100, true), (100.3, false), (101, true), (102.5, false), (104, true), (107, false), (109.9, true),
            (300, false), (300.2, true), (301, false), (303, true), (306, false), (309, true), (310, false));
        logic.Update(1000_000);
        Assert.Equal(new[] { "press@100", "release@300" }, log.Events);
    }

    [Fact]
    public void A_press_reported_with_its_first_edge_has_no_latency()
    {
        var (logic, log) = Make();
        Edges(logic, (50, true));
        Assert.Equal(new[] { "press@50" }, log.Events);
    }

    [Fact]
    public void A_press_shorter_than_the_window_still_gets_its_release_when_the_window_ends()
    {
        var (logic, log) = Make();
        Edges(logic, (100, true), (105, false));
        logic.Update(200_000);
        Assert.Equal(new[] { "press@100", "release@120" }, log.Events);
    }

    [Fact]
    public void A_release_that_bounces_back_down_past_the_window_is_a_new_press()
    {
        var (logic, log) = Make();
        Edges(logic, (100, true), (300, false), (305, true));
        logic.Update(400_000);
        Assert.Equal(new[] { "press@100", "release@300", "press@320" }, log.Events);
    }

    [Theory]
    [InlineData(599, false)]
    [InlineData(599.9, false)]
    [InlineData(600, true)]
    [InlineData(601, true)]
    public void A_hold_is_recognised_at_the_threshold_and_not_before(double releaseAfterMs, bool isHold)
    {
        var (logic, log) = Make();
        Edges(logic, (1000, true));
        logic.Update((long)((1000 + releaseAfterMs) * 1000) - 1);
        Edges(logic, (1000 + releaseAfterMs, false));
        logic.Update(5000_000);
        if (isHold)
        {
            Assert.Equal(3, log.Events.Count);
            Assert.Equal("press@1000", log.Events[0]);
            Assert.StartsWith("hold@", log.Events[1]);
            Assert.EndsWith("(hold)", log.Events[2]);
        }
        else
        {
            Assert.Equal(new[] { "press@1000", $"release@{1000 + releaseAfterMs}" }, log.Events);
        }
    }

    [Fact]
    public void A_hold_fires_once_while_the_switch_stays_down_even_with_bounce_at_the_start()
    {
        var (logic, log) = Make();
        Edges(logic, (0, true), (2, false), (4, true));
        for (var t = 0L; t <= 3000_000; t += 2000)
        {
            logic.Update(t);
        }

        Assert.Equal(new[] { "press@0", "hold@600" }, log.Events);
    }

    [Fact]
    public void Edges_processed_late_keep_their_own_times()
    {
        // The control thread drains a press and its release 700 ms late: the hold at 600 ms is recognised first.
        var (logic, log) = Make();
        Edges(logic, (0, true), (650, false));
        Assert.Equal(new[] { "press@0", "hold@600", "release@650(hold)" }, log.Events);
    }

    [Fact]
    public void A_switch_held_at_power_up_is_neither_a_press_nor_a_hold()
    {
        var log = new Log();
        var logic = new FootswitchLogic(20, 600, log, initiallyPressed: true);
        logic.Update(2000_000);
        Edges(logic, (2500, false));
        logic.Update(3000_000);
        Assert.Equal(new[] { "release@2500(hold)" }, log.Events);
    }
}
