using System.CommandLine;
using GruPedalPi.Firmware.Cli;

var root = new RootCommand("gru-pedal: a gated recurrent distortion pedal for the Raspberry Pi");

// Offline sound (render, plots, benchmarks)
root.Subcommands.Add(RenderCommand.Create());
root.Subcommands.Add(PlotCommand.Create());
root.Subcommands.Add(BenchCommand.Create());

// Control surface
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());

// The service
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(SoakCommand.Create());
root.Subcommands.Add(DevicesCommand.Create());
root.Subcommands.Add(LatencyCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(MonitorCommand.Create());
root.Subcommands.Add(MonitorCommand.CreateTuner());

// Presets and control over the socket
root.Subcommands.Add(PresetCommand.Create());
root.Subcommands.Add(SetlistCommand.Create());
root.Subcommands.Add(BypassCommand.Create());
root.Subcommands.Add(GetCommand.Create());
root.Subcommands.Add(SetCommand.Create());
root.Subcommands.Add(MidiCommand.Create());
root.Subcommands.Add(ExpressionCommand.Create());

return root.Parse(args).Invoke();
