using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Cli;
using GruPedalPi.Firmware.Plotting;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Cli;

public sealed class PlotCommandTests
{
    [Fact]
    public void Plot_curve_with_a_sweep_writes_a_png_of_the_default_size()
    {
        using var folder = new TempDir();
        var (exit, output, error) = CommandRunner.Run(PlotCommand.Create(), "curve", "--wf", "0", "--uf", "0", "--uh", "0", "--bf", "0",
            "--sweep", "wh=0,0.2,0.5,1.5", "--gain", "8", "-o", folder.File("wh.png"));

        Assert.True(exit == 0, error);
        Assert.Contains("wh.png", output);
        Assert.Equal((FigureStyle.DefaultWidth, FigureStyle.DefaultHeight), PngHeader.Read(folder.File("wh.png")));
        Assert.Equal(["wh.png"], folder.FileNames());
    }

    [Fact]
    public void Plot_harmonics_writes_a_png_of_the_requested_size()
    {
        using var folder = new TempDir();
        var (exit, _, error) = CommandRunner.Run(PlotCommand.Create(), "harmonics", "--preset", "Odd Fuzz",
            "--width", "800", "--height", "300", "-o", folder.File("odd.png"));

        Assert.True(exit == 0, error);
        Assert.Equal((800, 300), PngHeader.Read(folder.File("odd.png")));
    }

    [Theory]
    [InlineData("--sweep", "zz=1,2", "not one of the unit's parameters")]
    [InlineData("--sweep", "mix=0,1", "not one of the unit's parameters")]
    [InlineData("--sweep", "wf=0,20", "0..10")]
    [InlineData("--sweep", "wf", "NAME=V1,V2")]
    [InlineData("--gain", "0", "0.01..100")]
    [InlineData("--width", "5", "100..4000")]
    [InlineData("--uh", "9", "0..4")]
    public void A_bad_plot_option_is_a_one_line_error_with_exit_code_2_and_no_file(string option, string value, string mention)
    {
        using var folder = new TempDir();
        var (exit, _, error) = CommandRunner.Run(PlotCommand.Create(), "curve", option, value, "-o", folder.File("x.png"));

        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(mention, line);
        Assert.Empty(folder.FileNames());
    }

    [Fact]
    public void The_curve_is_the_sine_through_the_unit_from_rest()
    {
        var settings = PedalSettings.Defaults;
        settings[ParameterId.Wh] = 0;
        settings[ParameterId.Uh] = 0;

        var (x, y) = CurveFigure.Compute(settings, gain: 8);

        Assert.Equal(CurveFigure.DefaultSamples, x.Length);
        Assert.Equal(8f, x.Max(), 3);
        // Wh = 0 (and Uh = 0) gives a flat line at 0, as in the seed's Wh figure: the candidate tanh(0) is 0 and the state starts at rest.
        Assert.All(y, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void The_odd_harmonics_preset_has_odd_harmonics_far_above_even_ones()
    {
        // 44100 samples are exactly 100 periods: each harmonic falls on one bin (1 Hz bins), the transient from rest spreads thinly.
        var (f, db) = HarmonicsFigure.Compute(FactoryPresets.Find("Odd Fuzz")!.Settings, samples: 44100);
        double At(double hz) => db[Array.FindIndex(f, v => Math.Abs(v - hz) < 0.5)];

        Assert.Equal(0, At(100), 6);
        // The unit is odd-symmetric with bf=5 and Wf=Uf=Uh=0: in steady state it makes no even harmonics, and what the even
        // bins hold is the start-up transient's spread (about -60 dB); the 3rd and 5th stand at least 20 dB above them.
        Assert.True(At(300) > At(200) + 20, $"3rd {At(300):0.0} dB, 2nd {At(200):0.0} dB");
        Assert.True(At(500) > At(400) + 20, $"5th {At(500):0.0} dB, 4th {At(400):0.0} dB");
    }

    [Fact]
    public void The_odd_and_even_preset_has_a_strong_second_harmonic()
    {
        var (f, db) = HarmonicsFigure.Compute(FactoryPresets.Find("Tube Grit")!.Settings, samples: 44100);
        double At(double hz) => db[Array.FindIndex(f, v => Math.Abs(v - hz) < 0.5)];

        // The seed's odd-and-even figure shows the 2nd harmonic about 20-25 dB below the fundamental.
        Assert.InRange(At(200), -35, -10);
    }

    [Fact]
    public void The_discrete_fourier_transform_puts_a_bin_centred_sine_in_one_bin()
    {
        int n = 4410;
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = MathF.Sin(2 * MathF.PI * 10 * i / n);
        }

        var m = HarmonicsFigure.DftMagnitudes(x);

        // Amplitude 1 over n samples: n/2 at bin 10; float input rounding leaves the other bins below 1e-3 of it.
        Assert.Equal(n / 2.0, m[10], n * 1e-5);
        Assert.All(m.Where((_, k) => k != 10), v => Assert.True(v < n / 2.0 * 1e-3, $"{v}"));
    }
}
