using System.Diagnostics;

namespace GruPedalPi.Firmware.Tests.Support;

/// <summary>
/// A real terminal for a test: a tmux server of its own (its own socket, no user configuration) running one command
/// in a window of a fixed size. The test reads the screen with <c>capture-pane</c>, types with <c>send-keys</c>, and
/// reads the command's exit status once it ends (written to a file by the pane's shell). tmux must be
/// installed (test.sh installs it); a missing tmux fails the test.
/// </summary>
internal sealed class TmuxSession : IDisposable
{
    private readonly string _socket = "gru-test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _exitFile = Path.Combine(Path.GetTempPath(), "gru-tmux-" + Guid.NewGuid().ToString("N")[..8] + ".exit");

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a <paramref name="columns"/> x
    /// <paramref name="rows"/> window, with a UTF-8 locale and an xterm terminal type.</summary>
    public TmuxSession(string command, int columns = 80, int rows = 24)
    {
        Tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "sleep 3600");
        Tmux("set-option", "-g", "remain-on-exit", "on");
        // The exit status goes to a file: tmux's own #{pane_dead_status} is sometimes empty for a pane that just ended.
        Tmux("respawn-pane", "-k", "-t", "t", $"env LANG=C.UTF-8 TERM=xterm-256color {command}; echo $? > {_exitFile}");
    }

    /// <summary>The screen's text now, one string per row.</summary>
    public string[] Screen() => Tmux("capture-pane", "-p", "-t", "t").Split('\n');

    /// <summary>Types keys (tmux key names: "b", "q", "C-c").</summary>
    public void Send(string keys) => Tmux("send-keys", "-t", "t", keys);

    /// <summary>Waits until the screen has a row matching <paramref name="predicate"/>; the screen then, or null at the timeout.</summary>
    public string[]? WaitFor(Func<string[], bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            var screen = Screen();
            if (predicate(screen))
            {
                return screen;
            }

            Thread.Sleep(100);
        }
        while (DateTime.UtcNow < deadline);
        return null;
    }

    /// <summary>The command's exit status once it has ended, or null while it runs (waits up to <paramref name="timeout"/>).</summary>
    public int? WaitForExit(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            if (File.Exists(_exitFile) && File.ReadAllText(_exitFile).Trim() is { Length: > 0 } status)
            {
                return int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
            }

            Thread.Sleep(100);
        }
        while (DateTime.UtcNow < deadline);
        return null;
    }

    public void Dispose()
    {
        File.Delete(_exitFile);
        try
        {
            Tmux("kill-server");
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private string Tmux(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(_socket);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("tmux did not start (is it installed? test.sh installs it)");
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({p.ExitCode}): {error}");
        }

        return output;
    }
}
