namespace GruPedalPi.Deploy.Tests;

/// <summary>The settings of a systemd unit file, read the way systemd reads them (last one wins, lists add up).</summary>
public sealed class UnitFile
{
    private readonly List<(string Section, string Key, string Value)> _entries = [];

    /// <summary>Reads a unit file.</summary>
    public UnitFile(string path)
    {
        var section = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.Trim('[', ']');
                continue;
            }

            var equals = line.IndexOf('=');
            Assert.True(equals > 0, $"{path}: not a key=value line: {line}");
            _entries.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }
    }

    /// <summary>The last value given to a key in a section, or null.</summary>
    public string? Get(string section, string key) =>
        _entries.LastOrDefault(e => e.Section == section && e.Key == key).Value;

    /// <summary>Every value given to a key in a section, in order.</summary>
    public IReadOnlyList<string> All(string section, string key) =>
        _entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value).ToList();
}
