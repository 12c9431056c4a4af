using System.Globalization;
using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Control;
using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// The control surface of <c>gru-pedal run</c>: knobs, footswitch and LED on the configured devices (or, with
/// <c>--simulate</c>, on simulated devices driven from the terminal or a scenario file in real time) on their own
/// control thread, with the set list the footswitch's hold steps through, and audio faults shown on the LED. A device
/// that cannot be opened is one clear error naming it: the pedal plays on without knobs rather than going silent.
/// </summary>
public sealed class ControlSurfaceService : IHostedService, IDisposable
{
    private readonly PedalConfig _config;
    private readonly bool _simulate;
    private readonly string? _scenarioPath;
    private readonly bool _keyboard;
    private readonly PedalControl _control;
    private readonly AudioSupervisor _supervisor;
    private readonly IPresetNavigator _navigator;
    private readonly ILogger _logger;
    private readonly TextWriter _console;
    private readonly CancellationTokenSource _stop = new();
    private readonly int[] _knobRaw;
    private ControlHardware? _hardware;
    private ControlSurface? _surface;
    private Thread? _surfaceThread;
    private Thread? _driver;
    private Scenario? _scenario;
    private string? _lastPrinted;
    private int _disposed;

    /// <summary>Creates the service; nothing is opened until started.</summary>
    /// <param name="config">The validated configuration (devices, knobs, footswitch gestures).</param>
    /// <param name="simulate">Simulated devices instead of the configured ones.</param>
    /// <param name="scenarioPath">With <paramref name="simulate"/>: a scenario to play in real time from the first buffer, or null.</param>
    /// <param name="keyboard">With <paramref name="simulate"/> and no scenario: drive the simulated knobs and footswitch from the terminal's keys.</param>
    /// <param name="control">The running pedal.</param>
    /// <param name="supervisor">The audio supervisor (its faults go to the LED).</param>
    /// <param name="navigator">The set list (the control plane's, on disk).</param>
    /// <param name="logger">The service's log.</param>
    /// <param name="console">Where the simulation prints its help and the pedal's changes.</param>
    public ControlSurfaceService(PedalConfig config, bool simulate, string? scenarioPath, bool keyboard, PedalControl control,
        AudioSupervisor supervisor, IPresetNavigator navigator, ILogger logger, TextWriter console)
    {
        _config = config;
        _simulate = simulate;
        _scenarioPath = scenarioPath;
        _keyboard = keyboard && simulate && scenarioPath is null;
        _control = control;
        _supervisor = supervisor;
        _navigator = navigator;
        _logger = logger;
        _console = console;
        _knobRaw = new int[Math.Max(1, config.ResolvedKnobs.Count)];
    }

    /// <summary>The surface, once started (null when the devices could not be opened).</summary>
    public ControlSurface? Surface => _surface;

    /// <summary>The tuner the footswitch and MIDI action <c>tuner</c> switch (set before the service starts), or null.</summary>
    public ITunerControl? Tuner { get; set; }

    /// <summary>The keys of the terminal simulation: knob k (1..8) up with the k-th key of <c>12345678</c>, down with the k-th of <c>qwertyui</c>.</summary>
    public const string UpKeys = "12345678";

    /// <summary>See <see cref="UpKeys"/>.</summary>
    public const string DownKeys = "qwertyui";

    /// <summary>Raw ADC codes (of 0..1023) one key press turns a simulated knob.</summary>
    public const int KeyStep = 64;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_simulate && _scenarioPath is not null)
        {
            // A bad scenario is the user's mistake: refuse to start, naming the file and line.
            _scenario = Scenario.Parse(File.ReadAllText(_scenarioPath), _scenarioPath, _config, _navigator);
        }

        _hardware = OpenHardware();
        if (_hardware is null)
        {
            return Task.CompletedTask;
        }

        try
        {
            // The surface reads every knob once at construction: a converter that is not there fails here.
            _surface = _hardware.CreateSurface(_control, _navigator);
            _surface.Tuner = Tuner;
            if (_surface.Midi is { } midi)
            {
                midi.Tuner = Tuner;
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
        {
            LogUnavailable(DescribeAdc() + ": " + e.Message);
            _hardware.Dispose();
            _hardware = null;
            return Task.CompletedTask;
        }

        if (!_simulate)
        {
            _logger.LogInformation("Control surface: {Knobs} knobs on the {Adc}, footswitch on GPIO {Pin}, LED on GPIO {Led}",
                _config.ResolvedKnobs.Count, _config.Adc.Type, _config.Footswitch.Pin?.ToString(CultureInfo.InvariantCulture) ?? "none",
                _config.Led.Pin?.ToString(CultureInfo.InvariantCulture) ?? "none");
        }

        _supervisor.FaultChanged += OnFaultChanged;
        if (_supervisor.Fault is { } fault)
        {
            _surface.SetFault(fault);
        }

        _surfaceThread = _surface.StartThread(_stop.Token);
        if (_simulate)
        {
            _control.Changed += OnChanged;
            if (_scenario is not null)
            {
                _driver = new Thread(PlayScenario) { IsBackground = true, Name = "gru-scenario" };
                _driver.Start();
            }
            else if (_keyboard)
            {
                _console.WriteLine(Help());
                _driver = new Thread(ReadKeys) { IsBackground = true, Name = "gru-keys" };
                _driver.Start();
            }
            else
            {
                _console.WriteLine("Simulated controls at rest (no terminal): the knobs never take over, the settings hold.");
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stop.Cancel();
        _surfaceThread?.Join();
        _supervisor.FaultChanged -= OnFaultChanged;
        _control.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The container may dispose it twice (as itself and as a hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _surface?.Dispose();
        _hardware?.Dispose();
        _stop.Dispose();
    }

    private ControlHardware? OpenHardware()
    {
        if (_simulate)
        {
            var hw = ControlHardware.CreateSimulated(_config, TimeProvider.System);
            if (_config.Footswitch.Pin is { } pin)
            {
                hw.SetSimulatedGpio(pin, true);
            }

            for (int k = 0; k < _config.ResolvedKnobs.Count; k++)
            {
                _knobRaw[k] = 512; // CreateSimulated's mid-travel
            }

            _logger.LogInformation("Control surface on simulated devices ({Adc}, footswitch on GPIO {Pin})",
                _config.Adc.Type, _config.Footswitch.Pin?.ToString(CultureInfo.InvariantCulture) ?? "none");
            return hw;
        }

        try
        {
            return ControlHardware.Open(_config);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            LogUnavailable(e.Message);
            return null;
        }
    }

    private void LogUnavailable(string message) =>
        _logger.LogError("Control surface unavailable: {Message}. The pedal keeps playing without knobs, footswitch and LED " +
                         "(check the wiring and /etc/gru-pedal/config.json, then restart; `gru-pedal run --simulate` runs without them)", message.TrimEnd('.', ' '));

    private string DescribeAdc()
    {
        var a = _config.Adc;
        return a.Type switch
        {
            "mcp3008" => $"adc: MCP3008 on /dev/spidev{a.EffectiveBus}.{a.ChipSelect}",
            "ads1115" => $"adc: ADS1115 at 0x{a.Address:X2} on /dev/i2c-{a.EffectiveBus}",
            _ => "controls",
        };
    }

    private void OnFaultChanged(string? fault)
    {
        if (fault is null)
        {
            _surface?.ClearFault();
        }
        else
        {
            _surface?.SetFault(fault);
        }
    }

    private void OnChanged(ControlSource source)
    {
        // The simulation's console: one line per visible change (a knob turn is many small ones).
        var s = _control.Settings;
        var text = string.Format(CultureInfo.InvariantCulture, "{0}{1}, drive {2:F2}, squash {3:F2}, bias {4:F2}, tone {5:F2}, mix {6:F2}, level {7:F1} dB",
            _control.Bypassed ? "bypassed" : "engaged", _control.CurrentPreset is { } p ? $" \"{p}\"" : "",
            s[ParameterId.Wh], s[ParameterId.Wf], s[ParameterId.Bf], s[ParameterId.Tone], s[ParameterId.Mix], s[ParameterId.OutputGainDb]);
        lock (_knobRaw)
        {
            if (text == _lastPrinted)
            {
                return;
            }

            _lastPrinted = text;
            _console.WriteLine($"{source.ToString().ToLowerInvariant(),-10} -> {text}");
        }
    }

    private void PlayScenario()
    {
        var scenario = _scenario!;
        var token = _stop.Token;
        _supervisor.WaitPlaying(TimeSpan.FromSeconds(10), token);
        _logger.LogInformation("Playing scenario {File} ({Steps} steps, {Seconds:F1} s)", _scenarioPath, scenario.Steps.Count, scenario.EndMs / 1000);
        var start = TimeProvider.System.GetTimestamp();
        foreach (var step in scenario.Steps)
        {
            var wait = TimeSpan.FromMilliseconds(step.TimeMs) - TimeProvider.System.GetElapsedTime(start);
            if (wait > TimeSpan.Zero && token.WaitHandle.WaitOne(wait))
            {
                return;
            }

            if (token.IsCancellationRequested)
            {
                return;
            }

            Apply(step);
        }

        _logger.LogInformation("Scenario {File} played", _scenarioPath);
    }

    private void Apply(ScenarioStep step)
    {
        ScenarioActions.Apply(step, _hardware!, _surface!, _navigator, _control);
        _surface!.Wake();
    }

    /// <summary>The key help, in lines that fit an 80-column terminal (one long line wrapped there and left a stray
    /// "s." of "quits." on a line of its own).</summary>
    internal static IReadOnlyList<string> HelpLines(PedalConfig config)
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

    private string Help() => string.Join(Environment.NewLine, HelpLines(_config));

    private void ReadKeys()
    {
        var token = _stop.Token;
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
                int raw;
                lock (_knobRaw)
                {
                    raw = _knobRaw[k] = Math.Clamp(_knobRaw[k] + (up >= 0 ? KeyStep : -KeyStep), 0, 1023);
                }

                _hardware!.SetSimulatedKnob(binding.Channel, raw);
                _console.WriteLine($"knob {Parameters.Get(binding.Parameter).Name} at {raw * 100 / 1023} % of its travel");
            }
            else if ((c == ' ' || c == 'h') && pin is { } p)
            {
                int ms = c == ' ' ? 120 : (int)_config.Footswitch.HoldMs + 300;
                _console.WriteLine(c == ' ' ? "footswitch tapped" : "footswitch held");
                _hardware!.SetSimulatedGpio(p, false);
                _surface!.Wake();
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
