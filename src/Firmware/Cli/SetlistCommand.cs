using System.CommandLine;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal setlist show|set|add|remove|move`: the ordered presets the footswitch's hold steps through.</summary>
internal static class SetlistCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("setlist", "The set list: the presets the footswitch's hold steps through, in order");
        var options = CommandLineOptions.AddTo(command);

        var show = new Command("show", "Show the set list (the LED shows the position)");
        show.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.SetListShow, null, WireJsonContext.Default.SetListResponse, Print));

        var set = new Command("set", "Replace the set list with these presets, in this order");
        var names = new Argument<string[]>("names") { Description = "Preset names (quote names with spaces)", Arity = ArgumentArity.ZeroOrMore };
        set.Arguments.Add(names);
        set.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.SetListSet, new() { Names = parse.GetValue(names) ?? [] }, WireJsonContext.Default.SetListResponse, Print));

        var add = new Command("add", "Add a preset to the set list (at the end, or --at a position)");
        var addName = new Argument<string>("name") { Description = "The preset's name" };
        var at = new Option<int?>("--at") { Description = "1-based position to insert at" };
        add.Arguments.Add(addName);
        add.Options.Add(at);
        add.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.SetListAdd, new() { Name = parse.GetValue(addName), Position = parse.GetValue(at) }, WireJsonContext.Default.SetListResponse, Print));

        var remove = new Command("remove", "Remove an entry from the set list: a name (its first occurrence) or a position");
        var removeWhat = new Argument<string>("name-or-position") { Description = "A preset name or a 1-based position" };
        remove.Arguments.Add(removeWhat);
        remove.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.SetListRemove, new() { Name = parse.GetValue(removeWhat) }, WireJsonContext.Default.SetListResponse, Print));

        var move = new Command("move", "Move a set-list entry (a name or a position) to a new position");
        var moveWhat = new Argument<string>("name-or-position") { Description = "A preset name or a 1-based position" };
        var to = new Argument<int>("to") { Description = "The new 1-based position" };
        move.Arguments.Add(moveWhat);
        move.Arguments.Add(to);
        move.SetAction(parse => ControlCommandLine.Run(parse, options, ControlCommand.SetListMove, new() { Name = parse.GetValue(moveWhat), Position = parse.GetValue(to) }, WireJsonContext.Default.SetListResponse, Print));

        command.Subcommands.Add(show);
        command.Subcommands.Add(set);
        command.Subcommands.Add(add);
        command.Subcommands.Add(remove);
        command.Subcommands.Add(move);
        return command;
    }

    private static void Print(SetListResponse r)
    {
        if (r.Error is { } error)
        {
            Console.WriteLine($"setlist.json has an error, using the factory order: {error}");
        }
        else if (r.Default)
        {
            Console.WriteLine("(no set list saved yet: the factory order)");
        }

        var current = r.Position;
        var table = new TextTable("", "POS", "PRESET");
        var step = 0;
        foreach (var e in r.Setlist)
        {
            if (e.Exists)
            {
                step++;
            }

            table.Add(e.Exists && step == current ? "*" : "", e.Position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                e.Name + (e.Exists ? "" : "  (missing: skipped by the footswitch)"));
        }

        table.WriteTo(Console.Out);
    }
}
