namespace GruPedalPi.Firmware.Cli;

/// <summary>Prints rows as left-aligned columns separated by two spaces.</summary>
public sealed class TextTable
{
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with a header row.</summary>
    public TextTable(params string[] header) => _rows.Add(header);

    /// <summary>Adds a row.</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the table.</summary>
    public void WriteTo(TextWriter writer)
    {
        var columns = _rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in _rows)
        {
            var cells = row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]));
            writer.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
