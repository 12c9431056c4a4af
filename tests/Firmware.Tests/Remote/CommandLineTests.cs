using System.Diagnostics;
using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Tests.Presets;
using GruPedalPi.Firmware.Tests.Support;

namespace GruPedalPi.Firmware.Tests.Remote;

/// <summary>The real <c>gru-pedal</c> executable, against a real socket server or against the files alone.</summary>
[Collection(AloneCollection.Name)]
public sealed class CommandLineTests
{
    private static (int Exit, string Out, string Err) Run(string socket, string data, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "gru-pedal"), args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["GRU_PEDAL_SOCKET"] = socket;
        psi.Environment["GRU_PEDAL_DATA_DIR"] = data;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "gru-pedal did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Without_the_service_file_commands_work_and_say_so_and_live_commands_exit_3()
    {
        using var dir = new TempDir();
        var socket = dir.File("nobody.sock");

        var status = Run(socket, dir.Path, "status");
        Assert.Equal(3, status.Exit);
        Assert.Contains("the gru-pedal service is not running", status.Err);
        Assert.Equal(3, Run(socket, dir.Path, "set", "wh", "2").Exit);
        Assert.Equal(3, Run(socket, dir.Path, "bypass", "on").Exit);

        var save = Run(socket, dir.Path, "preset", "save", "Lead #2 / Big Room", "--from", "Odd Fuzz", "--notes", "big");
        Assert.Equal(0, save.Exit);
        Assert.Contains("saved Lead #2 / Big Room to presets/lead-2-big-room.json", save.Out);
        Assert.Contains("the gru-pedal service is not running", save.Err);

        var load = Run(socket, dir.Path, "preset", "load", "lead #2 / big room");
        Assert.Equal(0, load.Exit);
        Assert.Equal("Lead #2 / Big Room", SavedStateFile.Read(dir.Path)!.Preset); // the pedal boots with it

        var list = Run(socket, dir.Path, "preset", "list");
        Assert.Equal(0, list.Exit);
        Assert.Matches(@"\*\s+Lead #2 / Big Room\s+user\s+lead-2-big-room\.json", list.Out);
        Assert.Matches(@"Odd Fuzz\s+factory\s+2", list.Out);

        var setlist = Run(socket, dir.Path, "setlist", "set", "Tube Grit", "Lead #2 / Big Room");
        Assert.Equal(0, setlist.Exit);
        Assert.Matches(@"1\s+Tube Grit", setlist.Out);
        Assert.Matches(@"2\s+Lead #2 / Big Room", setlist.Out);

        var get = Run(socket, dir.Path, "get", "drive", "--json");
        Assert.Equal(0, get.Exit);
        var json = JsonDocument.Parse(get.Out).RootElement;
        Assert.False(json.GetProperty("service").GetBoolean());
        Assert.Equal(FactoryPresets.Find("Odd Fuzz")!.Settings[ParameterId.Wh], json.GetProperty("parameters").GetProperty("wh").GetSingle());
    }

    [Fact]
    public void A_bad_file_is_reported_by_import_and_by_list_with_line_and_column()
    {
        using var dir = new TempDir();
        var socket = dir.File("nobody.sock");
        var bad = dir.File("bad.json");
        File.WriteAllText(bad, "{\n  \"schema\": 1,\n  \"name\": \"Bad\",\n  \"parameters\": { \"wh\": 9 }\n}\n");
        var import = Run(socket, dir.Path, "preset", "import", bad);
        Assert.Equal(1, import.Exit);
        Assert.Contains($"{bad}:4:25: parameters.wh: 9 is out of range 0..5", import.Err);

        Directory.CreateDirectory(dir.Presets);
        File.Copy(bad, Path.Combine(dir.Presets, "bad.json"));
        var list = Run(socket, dir.Path, "preset", "list");
        Assert.Equal(0, list.Exit);
        Assert.Contains("files with errors (not loaded):", list.Out);
        Assert.Contains("bad.json:4:25: parameters.wh: 9 is out of range 0..5", list.Out);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        Assert.True(mkfifo.WaitForExit(10_000) && mkfifo.ExitCode == 0, $"mkfifo {path}");
    }

    [Fact]
    public void Import_refuses_a_symbolic_link_a_fifo_a_device_and_a_1_GB_file_without_reading_or_waiting()
    {
        using var dir = new TempDir();
        var socket = dir.File("nobody.sock");
        var good = dir.File("good.json");
        File.WriteAllText(good, """{ "schema": 1, "name": "Linked", "parameters": { "wf": 0.5, "wh": 1, "uf": 0.5, "uh": 0.5, "bf": 0, "input_gain_db": 0, "output_gain_db": 0, "mix": 1, "tone": 0 } }""");
        var link = dir.File("link.json");
        File.CreateSymbolicLink(link, good);
        var fifo = dir.File("fifo.json");
        MakeFifo(fifo);
        var huge = dir.File("huge.json");
        using (var f = new FileStream(huge, FileMode.CreateNew))
        {
            f.SetLength(1L << 30); // sparse: 1 GB that takes no room
        }

        var (exit, _, err) = Run(socket, dir.Path, "preset", "import", link);
        Assert.Equal(1, exit);
        Assert.Contains($"{link}: is a symbolic link; a preset must be a regular file", err);

        // A FIFO nobody writes to: refused at once (a plain open would wait for a writer forever).
        (exit, _, err) = Run(socket, dir.Path, "preset", "import", fifo);
        Assert.Equal(1, exit);
        Assert.Contains($"{fifo}: is a FIFO (named pipe), not a regular file", err);

        (exit, _, err) = Run(socket, dir.Path, "preset", "import", "/dev/zero");
        Assert.Equal(1, exit);
        Assert.Contains("/dev/zero: is a character device, not a regular file", err);

        (exit, _, err) = Run(socket, dir.Path, "preset", "import", huge);
        Assert.Equal(1, exit);
        Assert.Contains($"{huge}: the file is 1073741824 bytes; it may be at most 65536 bytes (64 KiB)", err);

        // Nothing was imported, and the regular file itself still imports (files mode: no service is running).
        Assert.False(Directory.Exists(dir.Presets) && Directory.EnumerateFiles(dir.Presets).Any(), "nothing was written");
        (exit, _, err) = Run(socket, dir.Path, "preset", "import", good);
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void A_fifo_in_the_preset_folder_is_listed_as_an_error_and_does_not_hang_the_library()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Presets);
        var fifo = Path.Combine(dir.Presets, "pipe.json");
        MakeFifo(fifo);
        var (exit, output, err) = Run(dir.File("nobody.sock"), dir.Path, "preset", "list");
        Assert.True(exit == 0, err);
        Assert.Contains("files with errors (not loaded):", output);
        Assert.Contains("pipe.json: is a FIFO (named pipe), not a regular file", output);
    }

    [Fact]
    public void Path_traversal_names_are_refused_by_the_command_line()
    {
        using var dir = new TempDir();
        var save = Run(dir.File("nobody.sock"), dir.Path, "preset", "save", "../../etc/evil", "--from", "Odd Fuzz");
        Assert.Equal(1, save.Exit);
        Assert.Contains("looks like a path", save.Err);
        Assert.False(Directory.Exists(dir.Presets) && Directory.EnumerateFileSystemEntries(dir.Presets).Any());
    }

    [Fact]
    public void With_the_service_running_commands_reach_the_pedal_over_the_socket()
    {
        using var h = new ServerHarness();
        var set = Run(h.SocketPath, h.DataDirectory, "set", "drive", "2.5");
        Assert.Equal(0, set.Exit);
        Assert.Contains("wh (drive) = 2.5", set.Out);
        Assert.Equal(2.5f, h.Pedal.Settings[ParameterId.Wh]);
        Assert.DoesNotContain("not running", set.Err);

        var bypass = Run(h.SocketPath, h.DataDirectory, "bypass", "toggle");
        Assert.Equal(0, bypass.Exit);
        Assert.True(h.Pedal.Bypassed);

        Assert.Equal(0, Run(h.SocketPath, h.DataDirectory, "preset", "load", "Tube Grit").Exit);
        Assert.Equal("Tube Grit", h.Pedal.CurrentPreset);

        var status = Run(h.SocketPath, h.DataDirectory, "status");
        Assert.Equal(0, status.Exit);
        Assert.Contains("playing on \"fake\" at 48000 Hz", status.Out);
        Assert.Contains("Tube Grit, set list 3/8", status.Out);
        Assert.Contains("system up ", status.Out); // the machine's health line (this machine has /proc/uptime)

        var outOfRange = Run(h.SocketPath, h.DataDirectory, "set", "wh", "9");
        Assert.Equal(1, outOfRange.Exit);
        Assert.Contains("wh: 9 is out of range 0..5", outOfRange.Err);
        Assert.Equal(1, Run(h.SocketPath, h.DataDirectory, "set", "wh", "NaN").Exit);
    }

    [Fact]
    public void Export_then_import_copies_a_preset()
    {
        using var h = new ServerHarness();
        var file = Path.Combine(h.DataDirectory, "exported.json");
        Assert.Equal(0, Run(h.SocketPath, h.DataDirectory, "preset", "export", "Odd Fuzz", file).Exit);
        Assert.Equal("Odd Fuzz", PresetFormat.Parse(File.ReadAllBytes(file), file).Name);
        Assert.Equal(1, Run(h.SocketPath, h.DataDirectory, "preset", "export", "Odd Fuzz", file).Exit); // exists: needs --force

        var import = Run(h.SocketPath, h.DataDirectory, "preset", "import", file, "--name", "My Fuzz");
        Assert.Equal(0, import.Exit);
        Assert.True(h.Library.TryGet("My Fuzz", out var copy));
        Assert.True(Preset.SameSettings(FactoryPresets.Find("Odd Fuzz")!.Settings, copy.Preset.Settings));
        var again = Run(h.SocketPath, h.DataDirectory, "preset", "import", file, "--name", "My Fuzz");
        Assert.Equal(1, again.Exit);
        Assert.Contains("already exists", again.Err);
        Assert.Equal(0, Run(h.SocketPath, h.DataDirectory, "preset", "import", file, "--name", "My Fuzz", "--force").Exit);

        var stdout = Run(h.SocketPath, h.DataDirectory, "preset", "export", "My Fuzz");
        Assert.Equal("My Fuzz", PresetFormat.Parse(System.Text.Encoding.UTF8.GetBytes(stdout.Out), "stdout").Name);
    }
}
