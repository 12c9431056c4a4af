using GruPedalPi.Firmware.LiveView;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GruPedalPi.Firmware.Tests.LiveView;

public sealed class ScreenPainterTests
{
    private static (IAnsiConsole Console, StringWriter Written) Terminal(ColorSystemSupport colours)
    {
        var written = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = colours,
            Out = new AnsiConsoleOutput(written),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 80;
        console.Profile.Height = 24;
        return (console, written);
    }

    private static MonitorFrame Frame(double inputPeakDbfs, bool waiting) => new()
    {
        State = "playing",
        Preset = "Crunch",
        SetListPosition = 2,
        SetListCount = 5,
        Input = new MeterFrame(inputPeakDbfs, inputPeakDbfs - 10, 0, 1),
        Output = new MeterFrame(-12, -20, 0, 1),
        GateOpen = true,
        Parameters = [new ParameterFrame("wh", 1, 0.4, waiting), new ParameterFrame("mix", 1, null, false)],
        SampleRateHz = 48000,
        FramesPerBuffer = 64,
    };

    private static IReadOnlyList<IRenderable> Lines(MonitorFrame frame, double nowS = 0)
    {
        MeterBallistics input = new(), output = new();
        input.Update(frame.Input!, nowS);
        output.Update(frame.Output!, nowS);
        return new MonitorView(unicode: true).Lines(frame, input, output, 80, null);
    }

    [Fact]
    public void An_unchanged_frame_writes_nothing_and_a_moving_meter_rewrites_only_its_own_row()
    {
        var (console, written) = Terminal(ColorSystemSupport.TrueColor);
        var painter = new ScreenPainter(console);
        var first = Lines(Frame(-10, waiting: true));
        Assert.Equal(first.Count, painter.Paint(first)); // the first paint writes every row
        int bytes = written.ToString().Length;

        Assert.Equal(0, painter.Paint(Lines(Frame(-10, waiting: true))));
        Assert.Equal(bytes, written.ToString().Length); // not a byte more

        Assert.Equal(1, painter.Paint(Lines(Frame(-30, waiting: true)))); // the input meter's row only
        Assert.Equal(1, painter.Paint(Lines(Frame(-30, waiting: false)))); // the knob's row only
    }

    [Fact]
    public void Without_colours_the_screen_has_the_same_text_and_no_colour_codes()
    {
        var (colour, colourWritten) = Terminal(ColorSystemSupport.TrueColor);
        var (plain, plainWritten) = Terminal(ColorSystemSupport.NoColors);
        new ScreenPainter(colour).Paint(Lines(Frame(-3, waiting: true)));
        new ScreenPainter(plain).Paint(Lines(Frame(-3, waiting: true)));

        Assert.Contains("\u001b[38;", colourWritten.ToString()); // a foreground colour
        Assert.DoesNotContain("\u001b[38;", plainWritten.ToString());
        Assert.DoesNotContain("\u001b[48;", plainWritten.ToString());
        Assert.Contains("EFFECT ON", plainWritten.ToString());
        Assert.Contains("◆", plainWritten.ToString()); // the pickup mark does not depend on colour
    }

    [Fact]
    public void The_peak_is_held_for_1_5_s_then_falls_at_20_db_per_second_and_a_clip_stays_lit_for_a_second()
    {
        var b = new MeterBallistics();
        b.Update(new MeterFrame(-6, -20, 0, 1), 0);
        b.Update(new MeterFrame(-40, -50, 3, 2), 1.0);
        Assert.Equal(-6, b.HeldPeakDbfs);   // held
        Assert.True(b.Clipping);             // the count grew
        b.Update(new MeterFrame(-40, -50, 3, 3), 2.0);
        Assert.Equal(-6 - 20, b.HeldPeakDbfs, 1e-9); // past the hold: 1 s of falling at 20 dB/s
        Assert.False(b.Clipping);            // a second after the clip
    }
}
