using Spectre.Console;
using Spectre.Console.Rendering;

namespace GruPedalPi.Firmware.LiveView;

/// <summary>
/// Paints screens of lines on a full-screen terminal and redraws only the lines that changed since the last paint:
/// over SSH on a phone's data connection a frame that did not change costs nothing, and a meter moving costs two
/// lines. Each line is compared by what Spectre.Console would write for it (text and colours); a changed line is
/// written at its row and padded over what the old one left.
/// </summary>
public sealed class ScreenPainter
{
    private readonly IAnsiConsole _console;
    private readonly List<string> _painted = [];
    private readonly List<int> _cells = [];

    /// <summary>Creates a painter on a console (one that supports ANSI cursor moves).</summary>
    public ScreenPainter(IAnsiConsole console) => _console = console;

    /// <summary>Lines written since the start (a figure for the tests: an unchanged frame writes none).</summary>
    public long LinesWritten { get; private set; }

    /// <summary>Forgets what is on the screen (after a resize or a clear): the next paint writes every line.</summary>
    public void Invalidate()
    {
        _painted.Clear();
        _cells.Clear();
    }

    /// <summary>Paints <paramref name="lines"/> from the top row, writing only the changed ones.</summary>
    /// <returns>How many lines were written.</returns>
    public int Paint(IReadOnlyList<IRenderable> lines)
    {
        int width = _console.Profile.Width;
        var options = RenderOptions.Create(_console, _console.Profile.Capabilities);
        int written = 0;
        int rows = Math.Max(lines.Count, _painted.Count);
        for (int row = 0; row < rows; row++)
        {
            IRenderable line = row < lines.Count ? lines[row] : Text.Empty;
            string key = _console.ToAnsi(line);
            if (row < _painted.Count && _painted[row] == key)
            {
                continue;
            }

            int cells = Segment.CellCount(line.Render(options, width).ToList());
            _console.Cursor.SetPosition(1, row + 1);
            _console.Write(line);
            int old = row < _cells.Count ? _cells[row] : width;
            if (old > cells)
            {
                _console.Write(new Text(new string(' ', Math.Min(width, old) - cells)));
            }

            if (row < _painted.Count)
            {
                _painted[row] = key;
                _cells[row] = cells;
            }
            else
            {
                _painted.Add(key);
                _cells.Add(cells);
            }

            written++;
        }

        LinesWritten += written;
        return written;
    }
}
