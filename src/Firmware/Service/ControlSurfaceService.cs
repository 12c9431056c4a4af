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
/// The terminal's keys are read by a <see cref="SimulatedKeyboard"/> and a scenario is played by a <see cref="ScenarioPlayer"/>;
/// the service hosts the surface and prints the pedal's changes while simulating.
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
    private readonly Lock _printGate = new();
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
    }

    /// <summary>The surface, once started (null when the devices could not be opened).</summary>
    public ControlSurface? Surface => _surface;

    /// <summary>The tuner the footswitch and MIDI action <c>tuner</c> switch (set before the service starts), or null.</summary>
    public ITunerControl? Tuner { get; set; }

    /// <summary>The keys of the terminal simulation: knob k (1..8) up with the k-th key of <c>12345678</c>, down with the k-th of <c>qwertyui</c>.</summary>
    public const string UpKeys = SimulatedKeyboard.UpKeys;

    /// <summary>See <see cref="UpKeys"/>.</summary>
    public const string DownKeys = SimulatedKeyboard.DownKeys;

    /// <summary>Raw ADC codes (of 0..1023) one key press turns a simulated knob.</summary>
    public const int KeyStep = SimulatedKeyboard.KeyStep;

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
                _driver = new ScenarioPlayer(_scenario, _scenarioPath, _hardware, _surface, _navigator, _control, _supervisor, _logger)
                    .Start(_stop.Token);
            }
            else if (_keyboard)
            {
                _driver = new SimulatedKeyboard(_config, _hardware, _surface, _console).Start(_stop.Token);
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
        lock (_printGate)
        {
            if (text == _lastPrinted)
            {
                return;
            }

            _lastPrinted = text;
            _console.WriteLine($"{source.ToString().ToLowerInvariant(),-10} -> {text}");
        }
    }

    /// <summary>The key help of the terminal simulation (<see cref="SimulatedKeyboard.HelpLines"/>).</summary>
    internal static IReadOnlyList<string> HelpLines(PedalConfig config) => SimulatedKeyboard.HelpLines(config);
}
