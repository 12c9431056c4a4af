using System.Text.Json;

namespace GruPedalPi.SystemTests;

/// <summary>
/// What the power-loss workloads had acknowledged, and the check of what a boot found against it: every acknowledged
/// preset save, import and set-list addition is there, every file parses, the saved state is the last acknowledged
/// one or one set after it, and the pedal plays that state. Pure logic over the console lines.
/// </summary>
public sealed class PowerLossLedger
{
    private readonly HashSet<string> _presets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _setlist = new(StringComparer.Ordinal);
    private readonly List<string> _tonesSinceAck = [];
    private readonly List<(bool Preset, string Name)> _fresh = [];
    private bool _freshState;
    private string _lastAckedTone;

    /// <summary>Starts with the state the installation left.</summary>
    /// <param name="initialTone">The tone the saved state held before the first workload.</param>
    public PowerLossLedger(string initialTone) => _lastAckedTone = initialTone;

    /// <summary>Operations acknowledged by all workloads so far.</summary>
    public int Acknowledged { get; private set; }

    /// <summary>Acknowledged operations found again after a cut.</summary>
    public int Found { get; private set; }

    /// <summary>Files parsed after the cuts.</summary>
    public int FilesChecked { get; private set; }

    /// <summary>Files that did not parse.</summary>
    public int Corrupt { get; private set; }

    /// <summary>Checks after which the saved state was the last acknowledged one (rather than a later, unacknowledged one).</summary>
    public int StateAsLastAcknowledged { get; private set; }

    /// <summary>Adds a workload's acknowledgements (its console lines after WORKLOAD-START).</summary>
    public void Record(IReadOnlyList<string> lines)
    {
        int start = IndexOf(lines, "WORKLOAD-START");
        foreach (var line in lines.Skip(start + 1))
        {
            if (line.StartsWith("ACK save ", StringComparison.Ordinal) || line.StartsWith("ACK import ", StringComparison.Ordinal))
            {
                var name = line[(line.IndexOf(' ', 4) + 1)..];
                _presets.Add(name);
                _fresh.Add((true, name));
                Acknowledged++;
            }
            else if (line.StartsWith("ACK setlist ", StringComparison.Ordinal))
            {
                var name = line["ACK setlist ".Length..];
                _setlist.Add(name);
                _fresh.Add((false, name));
                Acknowledged++;
            }
            else if (line.StartsWith("SET tone ", StringComparison.Ordinal))
            {
                _tonesSinceAck.Add(line["SET tone ".Length..]);
            }
            else if (line.StartsWith("ACK state tone ", StringComparison.Ordinal))
            {
                _lastAckedTone = line["ACK state tone ".Length..];
                _tonesSinceAck.Clear();
                _freshState = true;
                Acknowledged++;
            }
        }
    }

    /// <summary>Checks what boot <paramref name="boot"/> found (its CHECK lines); returns the problems, none when all is well.</summary>
    public List<string> Check(int boot, IReadOnlyList<string> lines)
    {
        var problems = new List<string>();
        int begin = IndexOf(lines, "CHECK-BEGIN"), end = IndexOf(lines, "CHECK-END");
        if (begin < 0 || end < begin)
        {
            problems.Add($"boot {boot} wrote no complete check");
            return problems;
        }

        var check = lines.Skip(begin + 1).Take(end - begin - 1).ToList();
        string Field(string prefix) => check.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..] ?? "";
        if (Field("CHECK playing ") != "0")
        {
            problems.Add("the pedal did not play after the boot");
        }

        foreach (var file in check.Where(l => l.StartsWith("FILE ", StringComparison.Ordinal)))
        {
            FilesChecked++;
            if (!file.StartsWith("FILE ok ", StringComparison.Ordinal))
            {
                Corrupt++;
                problems.Add(file);
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var preset in check.Where(l => l.StartsWith("PRESET ", StringComparison.Ordinal)))
        {
            try
            {
                using var doc = JsonDocument.Parse(preset["PRESET ".Length..]);
                names.Add(doc.RootElement.GetProperty("name").GetString() ?? "");
            }
            catch (JsonException)
            {
                problems.Add($"unreadable preset line: {preset}");
            }
        }

        var setlist = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(Field("SETLIST "));
            foreach (var entry in doc.RootElement.EnumerateArray())
            {
                setlist.Add(entry.GetString() ?? "");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            problems.Add($"set list unreadable: {Field("SETLIST ")}");
        }

        foreach (var name in _presets.Where(p => !names.Contains(p)))
        {
            problems.Add($"acknowledged preset \"{name}\" is lost");
        }

        foreach (var name in _setlist.Where(p => !setlist.Contains(p)))
        {
            problems.Add($"acknowledged set-list entry \"{name}\" is lost");
        }

        // Each acknowledgement counts as found once, at the first check after it.
        Found += _fresh.Count(f => f.Preset ? names.Contains(f.Name) : setlist.Contains(f.Name));
        _fresh.Clear();

        string state = Field("STATE ");
        string tone = "";
        try
        {
            using var doc = JsonDocument.Parse(state);
            tone = doc.RootElement.GetProperty("parameters").GetProperty("tone").GetRawText();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"saved state unreadable: {state}");
        }

        bool stateOk = tone == _lastAckedTone || _tonesSinceAck.Contains(tone);
        if (!stateOk)
        {
            problems.Add($"saved tone {tone} is neither the last acknowledged ({_lastAckedTone}) nor one set after it");
        }

        if (tone == _lastAckedTone)
        {
            StateAsLastAcknowledged++;
        }

        if (_freshState && stateOk)
        {
            Found++;
        }

        _freshState = false;

        if (!SameSound(Field("PLAYING "), state))
        {
            problems.Add($"the pedal plays {Field("PLAYING ")}, not the saved state {state}");
        }

        if (Field("PROBLEMS ") != "[]")
        {
            problems.Add($"preset list reports problems: {Field("PROBLEMS ")}");
        }

        return problems;
    }

    /// <summary>Same preset, bypass and value of every parameter both name (the files may leave out what is off).</summary>
    private static bool SameSound(string a, string b)
    {
        try
        {
            using var x = JsonDocument.Parse(a);
            using var y = JsonDocument.Parse(b);
            var rx = x.RootElement;
            var ry = y.RootElement;
            if (rx.GetProperty("preset").ToString() != ry.GetProperty("preset").ToString()
                || rx.GetProperty("bypassed").GetRawText() != ry.GetProperty("bypassed").GetRawText())
            {
                return false;
            }

            foreach (var p in rx.GetProperty("parameters").EnumerateObject())
            {
                if (ry.GetProperty("parameters").TryGetProperty(p.Name, out var q) && p.Value.ValueKind == JsonValueKind.Number
                    && q.ValueKind == JsonValueKind.Number && p.Value.GetDouble() != q.GetDouble())
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static int IndexOf(IReadOnlyList<string> lines, string what)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i] == what)
            {
                return i;
            }
        }

        return -1;
    }
}
