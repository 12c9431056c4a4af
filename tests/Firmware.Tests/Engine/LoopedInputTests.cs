using GruPedalPi.Firmware.Engine;

namespace GruPedalPi.Firmware.Tests.Engine;

public sealed class LoopedInputTests
{
    [Fact]
    public void The_loop_repeats_the_signal_with_the_gap_between_passes()
    {
        var loop = new LoopedInput([1, 2, 3]) { GapFrames = 2 };
        var left = new float[12];
        loop.Read(left.AsSpan(0, 4), Span<float>.Empty);
        loop.Read(left.AsSpan(4, 8), Span<float>.Empty);
        Assert.Equal([1, 2, 3, 0, 0, 1, 2, 3, 0, 0, 1, 2], left);
    }

    [Fact]
    public void Rewind_starts_again_at_the_first_sample_and_stereo_reads_both_channels()
    {
        var loop = new LoopedInput([1, 2], [5, 6]);
        var l = new float[3];
        var r = new float[3];
        loop.Read(l, r);
        loop.Rewind();
        loop.Read(l.AsSpan(0, 1), r.AsSpan(0, 1));
        Assert.Equal([1, 2, 1], l);
        Assert.Equal([5, 6, 5], r);
    }
}
