using System.Globalization;

namespace GruPedalPi.SystemTests;

/// <summary>What one boot of the guest left: the payload's exit status, its facts and files, the serial console.</summary>
public sealed class GuestBoot
{
    private readonly Dictionary<string, string> _facts;
    private readonly List<string> _read = [];

    /// <summary>Reads a boot's results folder (the tar the guest wrote, unpacked) and its serial log.</summary>
    /// <param name="name">The step's name (install, play, reboot).</param>
    /// <param name="resultsDir">The unpacked results.</param>
    /// <param name="serialLog">The guest's console, as qemu wrote it.</param>
    /// <param name="qemuExitCode">qemu's exit status (0 after the guest powered off).</param>
    /// <param name="seconds">Wall-clock seconds from qemu's start to its exit.</param>
    public GuestBoot(string name, string resultsDir, string serialLog, int qemuExitCode, double seconds)
    {
        Name = name;
        ResultsDir = resultsDir;
        SerialLog = serialLog;
        QemuExitCode = qemuExitCode;
        Seconds = seconds;
        _facts = new Dictionary<string, string>(StringComparer.Ordinal);
        var factsFile = Path.Combine(resultsDir, "facts.txt");
        if (System.IO.File.Exists(factsFile))
        {
            foreach (var line in System.IO.File.ReadAllLines(factsFile))
            {
                int eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    _facts[line[..eq]] = line[(eq + 1)..];
                }
            }
        }

        var rc = Path.Combine(resultsDir, "rc");
        RunExitCode = System.IO.File.Exists(rc) && int.TryParse(System.IO.File.ReadAllText(rc).Trim(), out int code) ? code : null;
    }

    /// <summary>The step's name.</summary>
    public string Name { get; }

    /// <summary>The unpacked results folder.</summary>
    public string ResultsDir { get; }

    /// <summary>The guest's serial console.</summary>
    public string SerialLog { get; }

    /// <summary>qemu's exit status.</summary>
    public int QemuExitCode { get; }

    /// <summary>Wall-clock seconds of the whole boot, test and power-off.</summary>
    public double Seconds { get; }

    /// <summary>The payload's exit status, or null when the guest wrote no results.</summary>
    public int? RunExitCode { get; }

    /// <summary>A fact the guest recorded; fails the test, with the guest's logs, when it is missing.</summary>
    public string this[string key]
    {
        get
        {
            if (!_facts.TryGetValue(key, out var value))
            {
                throw new Xunit.Sdk.XunitException($"the guest recorded no '{key}' in boot '{Name}'\n{Explain()}");
            }

            _read.Add(key);
            return value;
        }
    }

    /// <summary>The facts read since the last call, as "key=value; ...": what a failed check looked at, for the
    /// first line of its message (CI shows the end of a long log, so the message must say it all up front).</summary>
    public string TakeRead()
    {
        var text = string.Join("; ", _read.Distinct(StringComparer.Ordinal).Select(k => $"{k}={_facts[k]}"));
        _read.Clear();
        return text;
    }

    /// <summary>A fact as a number (invariant culture).</summary>
    public double Number(string key)
    {
        var text = this[key];
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new Xunit.Sdk.XunitException($"fact '{key}' of boot '{Name}' is '{text}', not a number\n{Explain()}");
    }

    /// <summary>True when the guest recorded the fact.</summary>
    public bool Has(string key) => _facts.ContainsKey(key);

    /// <summary>A file of the results folder.</summary>
    public string ResultFile(string name) => Path.Combine(ResultsDir, name);

    /// <summary>Everything a red run needs to say why: the facts, the service's log, the end of the journal and of the
    /// payload's own output (or of the console when the guest wrote nothing).</summary>
    public string Explain()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"--- boot '{Name}': qemu exit {QemuExitCode}, payload exit {RunExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}, {Seconds:F1} s");
        foreach (var (key, value) in _facts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {key} = {value}");
        }

        Tail(text, "service log", ResultFile("service-log.txt"), 80);
        Tail(text, "payload output", ResultFile("run.log"), 40);
        Tail(text, "journal", ResultFile("journal.txt"), 60);
        if (RunExitCode is null)
        {
            Tail(text, "serial console", SerialLog, 80);
        }

        return text.ToString();
    }

    private static void Tail(System.Text.StringBuilder text, string what, string path, int lines)
    {
        if (!System.IO.File.Exists(path))
        {
            return;
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"--- {what} (last {lines} lines of {Path.GetFileName(path)})");
        foreach (var line in System.IO.File.ReadAllLines(path).TakeLast(lines))
        {
            text.AppendLine(line);
        }
    }
}
