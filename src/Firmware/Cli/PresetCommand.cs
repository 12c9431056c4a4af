using System.CommandLine;
using System.Text;
using System.Text.Json;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Presets;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal preset list|show|load|save|rm|rename|import|export`: manage presets (through the service,
/// or on the files when it is not running).</summary>
internal static class PresetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("preset", "Manage presets: list, show, load, save, rm, rename, import, export");
        var options = CommandLineOptions.AddTo(command);
        command.Subcommands.Add(List(options));
        command.Subcommands.Add(Show(options));
        command.Subcommands.Add(Load(options));
        command.Subcommands.Add(Save(options));
        command.Subcommands.Add(Remove(options));
        command.Subcommands.Add(Rename(options));
        command.Subcommands.Add(Import(options));
        command.Subcommands.Add(Export(options));
        return command;
    }

    private static Argument<string> NameArgument(string description = "The preset's name (quote it: \"Lead #2 / Big Room\")") =>
        new("name") { Description = description };

    private static Command List(CommandLineOptions options)
    {
        var command = new Command("list", "List every preset (factory and yours) and every bad preset file");
        command.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.PresetList, null, WireJsonContext.Default.PresetListResponse, r =>
        {
            var table = new TextTable("", "NAME", "ORIGIN", "SET LIST", "FILE");
            foreach (var p in r.Presets)
            {
                var positions = string.Join(",", p.SetlistPositions);
                var origin = p.Origin switch
                {
                    "user_overrides_factory" => "user (overrides factory)",
                    var o => o,
                };
                var problem = p.Problem is not null ? "  (file has an error: last good version)" : "";
                table.Add(p.Current ? "*" : "", p.Name, origin, positions, (p.File ?? "-") + problem);
            }

            table.WriteTo(Console.Out);
            PrintProblems(r);
        }));
        return command;
    }

    private static Command Show(CommandLineOptions options)
    {
        var command = new Command("show", "Show one preset's parameters and notes");
        var name = NameArgument();
        command.Arguments.Add(name);
        command.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.PresetShow, new() { Name = parse.GetValue(name) },
            WireJsonContext.Default.PresetShowResponse, r =>
        {
            // The preset object is the preset file's format: read it as a file is read.
            var p = PresetFormat.Parse(Encoding.UTF8.GetBytes(r.Preset.GetRawText()), "the service's response");
            Console.WriteLine($"name:   {p.Name}");
            Console.WriteLine($"origin: {r.Origin}{(r.File is { } f ? $" ({f})" : "")}");
            if (r.Problem is { } problem)
            {
                Console.WriteLine($"error:  {problem} (showing the last good version)");
            }

            GetCommand.PrintParameters(Parameters.All.ToDictionary(i => i.Name, i => (double)p.Settings[i.Id]));
            if (p.Notes is { } notes)
            {
                Console.WriteLine($"notes:  {notes}");
            }
        }));
        return command;
    }

    private static Command Load(CommandLineOptions options)
    {
        var command = new Command("load", "Load a preset (click-free crossfade); without the service, it becomes the one the pedal boots with");
        var name = NameArgument();
        command.Arguments.Add(name);
        command.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.PresetLoad, new() { Name = parse.GetValue(name) },
            WireJsonContext.Default.PresetLoadResponse, r => Console.WriteLine($"loaded {r.Preset}")));
        return command;
    }

    private static Command Save(CommandLineOptions options)
    {
        var command = new Command("save", "Save the current sound (or a copy of another preset) as a user preset");
        var name = NameArgument();
        var fromCurrent = new Option<bool>("--from-current") { Description = "Save the pedal's current settings (the default)" };
        var from = new Option<string?>("--from") { Description = "Copy this preset's settings and notes instead" };
        var notes = new Option<string?>("--notes") { Description = "Notes to store with the preset (\"\" clears them)" };
        command.Arguments.Add(name);
        command.Options.Add(fromCurrent);
        command.Options.Add(from);
        command.Options.Add(notes);
        command.SetAction(parse =>
        {
            if (parse.GetValue(fromCurrent) && parse.GetValue(from) is not null)
            {
                Console.Error.WriteLine("gru-pedal: give either --from-current or --from, not both");
                return ControlCommandLine.ExitFailed;
            }

            return ControlCommandLine.Run(parse, options, ControlCommand.PresetSave, new() { Name = parse.GetValue(name), From = parse.GetValue(from), Notes = parse.GetValue(notes) }, WireJsonContext.Default.PresetSaveResponse, PrintSaved);
        });
        return command;
    }

    private static Command Remove(CommandLineOptions options)
    {
        var command = new Command("rm", "Delete a user preset (a factory preset of the same name comes back)");
        var name = NameArgument();
        command.Arguments.Add(name);
        command.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.PresetRemove, new() { Name = parse.GetValue(name) },
            WireJsonContext.Default.PresetRemoveResponse, r =>
        {
            Console.WriteLine($"deleted {r.Name}");
            if (r.FactoryRestored)
            {
                Console.WriteLine($"the factory preset {r.Name} is back");
            }
        }));
        return command;
    }

    private static Command Rename(CommandLineOptions options)
    {
        var command = new Command("rename", "Rename a user preset (set-list entries follow)");
        var name = NameArgument("The preset's current name");
        var to = new Argument<string>("new-name") { Description = "Its new name" };
        command.Arguments.Add(name);
        command.Arguments.Add(to);
        command.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.PresetRename, new() { Name = parse.GetValue(name), To = parse.GetValue(to) }, WireJsonContext.Default.PresetRenameResponse, r => Console.WriteLine($"renamed {parse.GetValue(name)} to {r.Name}")));
        return command;
    }

    private static Command Import(CommandLineOptions options)
    {
        var command = new Command("import", "Import a preset file (checked first: errors name the line and column)");
        var file = new Argument<string>("file") { Description = "The preset file (JSON, at most 64 KiB)" };
        var name = new Option<string?>("--name") { Description = "Import it under this name instead of the one in the file" };
        var force = new Option<bool>("--force") { Description = "Replace a user preset of the same name" };
        command.Arguments.Add(file);
        command.Options.Add(name);
        command.Options.Add(force);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            Preset preset;
            try
            {
                preset = PresetFormat.Parse(BoundedFile.Read(path, path), path);
            }
            catch (PresetFormatException ex)
            {
                Console.Error.WriteLine($"gru-pedal: {ex.Error}");
                return ControlCommandLine.ExitFailed;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"gru-pedal: cannot read {path}: {ex.Message}");
                return ControlCommandLine.ExitFailed;
            }

            using var presetObject = JsonDocument.Parse(PresetFormat.ToBytes(preset));
            return ControlCommandLine.Run(parse, options, ControlCommand.PresetSave,
                new() { Preset = presetObject.RootElement, Name = parse.GetValue(name), Replace = parse.GetValue(force) }, WireJsonContext.Default.PresetSaveResponse, PrintSaved);
        });
        return command;
    }

    private static Command Export(CommandLineOptions options)
    {
        var command = new Command("export", "Write a preset (factory or yours) to a file, or to the standard output");
        var name = NameArgument();
        var file = new Argument<string?>("file") { Description = "The file to write; the standard output when omitted", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists" };
        command.Arguments.Add(name);
        command.Arguments.Add(file);
        command.Options.Add(force);
        command.SetAction(parse =>
        {
            var target = parse.GetValue(file);
            if (target is not null && File.Exists(target) && !parse.GetValue(force))
            {
                Console.Error.WriteLine($"gru-pedal: {target} exists; use --force to replace it");
                return ControlCommandLine.ExitFailed;
            }

            var exit = ControlCommandLine.ExitOk;
            var code = ControlCommandLine.Run(parse, options, ControlCommand.PresetShow, new() { Name = parse.GetValue(name) },
                WireJsonContext.Default.PresetShowResponse, r =>
            {
                var preset = PresetFormat.Parse(Encoding.UTF8.GetBytes(r.Preset.GetRawText()), "the service's response");
                var bytes = PresetFormat.ToBytes(preset);
                if (target is null)
                {
                    using var stdout = Console.OpenStandardOutput();
                    stdout.Write(bytes);
                    return;
                }

                try
                {
                    File.WriteAllBytes(target, bytes);
                    Console.Error.WriteLine($"exported {preset.Name} to {target}");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"gru-pedal: cannot write {target}: {ex.Message}");
                    exit = ControlCommandLine.ExitFailed;
                }
            });
            return code != ControlCommandLine.ExitOk ? code : exit;
        });
        return command;
    }

    private static void PrintSaved(PresetSaveResponse r)
    {
        var overrides = r.OverridesFactory ? " (it overrides the factory preset of that name)" : "";
        Console.WriteLine($"saved {r.Name} to {PresetLibrary.PresetsFolderName}/{r.File}{overrides}");
    }

    private static void PrintProblems(PresetListResponse r)
    {
        if (r.Problems.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("files with errors (not loaded):");
        foreach (var p in r.Problems)
        {
            var kept = p.Kept is { } k ? $" [still using the last good version of '{k}']" : "";
            Console.WriteLine($"  {p.Message}{kept}");
        }
    }
}
