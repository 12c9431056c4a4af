using GruPedalPi.Firmware.Control;
using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Plays a scenario file on the simulated controls of <c>gru-pedal run --simulate --scenario</c> in real time: on its
/// own thread it waits for the audio to play (up to 10 s), then applies each step at its time from then on
/// (<see cref="ScenarioActions.Apply"/>) and wakes the control surface after it.
/// </summary>
internal sealed class ScenarioPlayer
{
    private readonly Scenario _scenario;
    private readonly string? _path;
    private readonly ControlHardware _hardware;
    private readonly ControlSurface _surface;
    private readonly IPresetNavigator _navigator;
    private readonly PedalControl _control;
    private readonly AudioSupervisor _supervisor;
    private readonly ILogger _logger;

    /// <summary>Creates the player; nothing plays until <see cref="Start"/>.</summary>
    /// <param name="scenario">The parsed scenario.</param>
    /// <param name="path">The scenario's file (for the log).</param>
    /// <param name="hardware">The simulated control hardware the steps drive.</param>
    /// <param name="surface">The control surface (MIDI inbox, fault LED; woken after each step).</param>
    /// <param name="navigator">Where the steps' preset names are looked up.</param>
    /// <param name="control">The running pedal the preset steps load into.</param>
    /// <param name="supervisor">The audio supervisor (playback starts once the audio plays).</param>
    /// <param name="logger">The service's log.</param>
    public ScenarioPlayer(Scenario scenario, string? path, ControlHardware hardware, ControlSurface surface, IPresetNavigator navigator,
        PedalControl control, AudioSupervisor supervisor, ILogger logger)
    {
        _scenario = scenario;
        _path = path;
        _hardware = hardware;
        _surface = surface;
        _navigator = navigator;
        _control = control;
        _supervisor = supervisor;
        _logger = logger;
    }

    /// <summary>Starts playing on a new background thread named "gru-scenario", until the last step or until
    /// <paramref name="cancellationToken"/> is cancelled.</summary>
    public Thread Start(CancellationToken cancellationToken)
    {
        var thread = new Thread(() => Play(cancellationToken)) { IsBackground = true, Name = "gru-scenario" };
        thread.Start();
        return thread;
    }

    private void Play(CancellationToken token)
    {
        var scenario = _scenario;
        _supervisor.WaitPlaying(TimeSpan.FromSeconds(10), token);
        _logger.LogInformation("Playing scenario {File} ({Steps} steps, {Seconds:F1} s)", _path, scenario.Steps.Count, scenario.EndMs / 1000);
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

        _logger.LogInformation("Scenario {File} played", _path);
    }

    private void Apply(ScenarioStep step)
    {
        ScenarioActions.Apply(step, _hardware, _surface, _navigator, _control);
        _surface.Wake();
    }
}
