using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// The terminal simulation of <c>gru-pedal run --simulate</c> (without a scenario): on its own thread it reads the
/// terminal's keys and turns them into simulated knob turns and footswitch presses, printing what each key did.
/// Knob k (1..8) goes up with the k-th key of <see cref="UpKeys"/> and down with the k-th of <see cref="DownKeys"/>,
/// <see cref="KeyStep"/> raw codes a press; space taps the footswitch, <c>h</c> holds it, <c>?</c> prints the help.
/// </summary>
internal sealed class SimulatedKeyboard
{
    /// <summary>The keys that turn knob k (1..8) up: the k-th of <c>12345678</c>.</summary>
    public const string UpKeys = "12345678";

    /// <summary>The keys that turn knob k (1..8) down: the k-th of <c>qwertyui</c>.</summary>
    public const string DownKeys = "qwertyui";

    /// <summary>Raw ADC codes (of 0..1023) one key press turns a simulated knob.</summary>
    public const int KeyStep = 64;

    private readonly PedalConfig _config;
    private readonly ControlHardware _hardware;
    private readonly ControlSurface _surface;
    private readonly TextWriter _console;
    private readonly int[] _knobRaw;

    /// <summary>Creates the keyboard; the simulated knobs start at mid-travel (raw 512 of 0..1023).</summary>
    /// <param name="config">The validated configuration (knobs, footswitch pin and hold time).</param>
    /// <param name="hardware">The simulated control hardware the keys turn and press.</param>
    /// <param name="surface">The control surface (woken after each footswitch edge).</param>
    /// <param name="console">Where the help and what each key did are printed.</param>
    public SimulatedKeyboard(PedalConfig config, ControlHardware hardware, ControlSurface surface, TextWriter console)
    {
        _config = config;
        _hardware = hardware;
        _surface = surface;
        _console = console;
        _knobRaw = new int[Math.Max(1, config.ResolvedKnobs.Count)];
        for (int k = 0; k < config.ResolvedKnobs.Count; k++)
        {
            _knobRaw[k] = 512; // CreateSimulated's mid-travel
        }
    }

    /// <summary>The key help, in lines that fit an 80-column terminal (one long line wrapped there and left a stray
    /// "s." of "quits." on a line of its own).</summary>
    public static IReadOnlyList<string> HelpLines(PedalConfig config)
    {
        const int Width = 79;
        const string First = "  knobs up/down: ";
        var knobs = config.ResolvedKnobs;
        var lines = new List<string> { "Simulated controls (keys):" };
        var line = new System.Text.StringBuilder(First);
        int count = Math.Min(knobs.Count, UpKeys.Length);
        for (int i = 0; i < count; i++)
        {
            string item = $"{UpKeys[i]}/{DownKeys[i]} {Parameters.Get(knobs[i].Parameter).Name}" + (i < count - 1 ? "," : "");
            if (line.Length + 1 + item.Length > Width && line.Length > First.Length)
            {
                lines.Add(line.ToString());
                line.Clear().Append(' ', First.Length);
            }

            if (line.Length > First.Length)
            {
                line.Append(' ');
            }

            line.Append(item);
        }

        lines.Add(line.ToString());
        lines.Add("  space taps the footswitch, h holds it, ? prints this help; Ctrl+C quits.");
        return lines;
    }

    /// <summary>Prints the help and starts reading keys on a new background thread named "gru-keys", until
    /// <paramref name="cancellationToken"/> is cancelled or there is no terminal.</summary>
    public Thread Start(CancellationToken cancellationToken)
    {
        _console.WriteLine(Help());
        var thread = new Thread(() => ReadKeys(cancellationToken)) { IsBackground = true, Name = "gru-keys" };
        thread.Start();
        return thread;
    }

    private string Help() => string.Join(Environment.NewLine, HelpLines(_config));

    private void ReadKeys(CancellationToken token)
    {
        int? pin = _config.Footswitch.Pin;
        while (!token.IsCancellationRequested)
        {
            ConsoleKeyInfo key;
            try
            {
                key = Console.ReadKey(intercept: true);
            }
            catch (InvalidOperationException)
            {
                return; // no terminal after all
            }

            if (token.IsCancellationRequested)
            {
                return;
            }

            char c = char.ToLowerInvariant(key.KeyChar);
            int up = UpKeys.IndexOf(c);
            int down = DownKeys.IndexOf(c);
            int k = up >= 0 ? up : down;
            if (k >= 0 && k < _config.ResolvedKnobs.Count)
            {
                var binding = _config.ResolvedKnobs[k];
                int raw = _knobRaw[k] = Math.Clamp(_knobRaw[k] + (up >= 0 ? KeyStep : -KeyStep), 0, 1023);
                _hardware.SetSimulatedKnob(binding.Channel, raw);
                _console.WriteLine($"knob {Parameters.Get(binding.Parameter).Name} at {raw * 100 / 1023} % of its travel");
            }
            else if ((c == ' ' || c == 'h') && pin is { } p)
            {
                int ms = c == ' ' ? 120 : (int)_config.Footswitch.HoldMs + 300;
                _console.WriteLine(c == ' ' ? "footswitch tapped" : "footswitch held");
                _hardware.SetSimulatedGpio(p, false);
                _surface.Wake();
                token.WaitHandle.WaitOne(ms);
                _hardware.SetSimulatedGpio(p, true);
                _surface.Wake();
            }
            else if (c == '?')
            {
                _console.WriteLine(Help());
            }
        }
    }
}
