using System.CommandLine;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;

namespace GruPedalPi.Firmware.Cli;

/// <summary>`gru-pedal simulate`: Run the control surface on simulated devices from a scenario.</summary>
internal static class SimulateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var script = new Option<string?>("--script") { Description = "Scenario file: lines 'TIME_MS adc CH RAW', 'TIME_MS gpio PIN 0|1', 'TIME_MS preset NAME' (also noise, fault)" };
        var config = new Option<string?>("--config") { Description = "Configuration file (default: /etc/gru-pedal/config.json if present, else built-in)" };
        var events = new Option<string?>("--events") { Description = "Write the events (JSON lines) to this file instead of stdout" };
        var tail = new Option<double>("--tail-ms") { Description = "Virtual time to run after the last line (ms)", DefaultValueFactory = _ => 3000 };
        var bench = new Option<bool>("--bench") { Description = "Measure the control loop instead: edge/ADC-to-engine latency, tick cost, allocations" };
        var command = new Command("simulate", "Run the control surface on simulated devices from a scenario (virtual time, deterministic)")
        {
            script, config, events, tail, bench,
        };
        command.SetAction(parse =>
        {
            try
            {
                var cfg = ConfigLoader.Load(parse.GetValue(config));
                if (parse.GetValue(bench))
                {
                    ControlBench.Run(cfg, Console.Out);
                    return 0;
                }

                var path = parse.GetValue(script);
                if (path is null)
                {
                    Console.Error.WriteLine("gru-pedal simulate: --script FILE is required (or --bench)");
                    return 2;
                }

                string text;
                try
                {
                    text = File.ReadAllText(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"gru-pedal simulate: {path}: {e.Message}");
                    return 2;
                }

                var scenario = Scenario.Parse(text, path, cfg, new FactoryPresetNavigator());
                var outPath = parse.GetValue(events);
                using var stream = outPath is null ? Console.OpenStandardOutput() : File.Create(outPath);
                JsonLinesEventSink? sink = null;
                try
                {
                    Simulator.Run(cfg, scenario, clock => sink = new JsonLinesEventSink(stream, clock), parse.GetValue(tail));
                }
                finally
                {
                    sink?.Dispose();
                }

                return 0;
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine($"gru-pedal simulate: {e.Message}");
                return 2;
            }
            catch (ScenarioException e)
            {
                Console.Error.WriteLine($"gru-pedal simulate: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
