using ScottPlot;

namespace GruPedalPi.Firmware.Plotting;

/// <summary>The look of the seed's figures: black background, white text and axes, no grid, the pastel colour cycle
/// of matplotlib's <c>dark_background</c> style.</summary>
internal static class FigureStyle
{
    /// <summary>Default figure width in pixels.</summary>
    public const int DefaultWidth = 640;

    /// <summary>Default figure height in pixels.</summary>
    public const int DefaultHeight = 400;

    /// <summary>The font of every label (falls back to the system default when missing).</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>The line colours, in order.</summary>
    public static IReadOnlyList<Color> Palette { get; } =
    [
        Color.FromHex("#8dd3c7"), Color.FromHex("#feffb3"), Color.FromHex("#bfbbd9"), Color.FromHex("#fa8174"),
        Color.FromHex("#81b1d2"), Color.FromHex("#fdb462"), Color.FromHex("#b3de69"), Color.FromHex("#bc82bd"),
    ];

    /// <summary>Applies the style to <paramref name="plot"/> and sets its labels.</summary>
    public static void Apply(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Font.Set(FontName);
        plot.FigureBackground.Color = Colors.Black;
        plot.DataBackground.Color = Colors.Black;
        plot.Axes.Color(Colors.White);
        plot.HideGrid();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Legend.BackgroundColor = Colors.Black;
        plot.Legend.FontColor = Colors.White;
        plot.Legend.OutlineColor = Colors.White;
    }

    /// <summary>Saves <paramref name="plot"/> as a PNG of <paramref name="width"/> x <paramref name="height"/> pixels, through a
    /// temporary file in the same folder so that a failure leaves no partial image.</summary>
    public static void SavePng(Plot plot, string path, int width, int height)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp.png");
        try
        {
            plot.SavePng(temp, width, height);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw;
        }
    }
}
