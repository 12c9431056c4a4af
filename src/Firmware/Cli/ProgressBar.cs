namespace GruPedalPi.Firmware.Cli;

/// <summary>A one-line progress bar redrawn in place on a terminal (stderr), e.g. <c>render [#####-----]  50%</c>.</summary>
internal sealed class ProgressBar
{
    private const int Width = 30;
    private readonly TextWriter _writer;
    private readonly string _label;
    private int _lastPercent = -1;

    /// <summary>Creates a bar labelled <paramref name="label"/> that draws on <paramref name="writer"/>.</summary>
    public ProgressBar(TextWriter writer, string label)
    {
        _writer = writer;
        _label = label;
    }

    /// <summary>Draws the bar at <paramref name="fraction"/> (0..1) when the whole percentage changed.</summary>
    public void Report(double fraction)
    {
        int percent = (int)Math.Clamp(fraction * 100, 0, 100);
        if (percent == _lastPercent)
        {
            return;
        }

        _lastPercent = percent;
        int filled = percent * Width / 100;
        _writer.Write($"\r{_label} [{new string('#', filled)}{new string('-', Width - filled)}] {percent,3}%");
        _writer.Flush();
    }

    /// <summary>Ends the bar's line.</summary>
    public void Finish()
    {
        if (_lastPercent >= 0)
        {
            _writer.WriteLine();
        }
    }
}
