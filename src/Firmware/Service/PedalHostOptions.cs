using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Configuration;
using GruPedalPi.Firmware.Remote;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// What <see cref="PedalHost.Build"/> puts in the pedal's host. The audio part is always there; the control plane
/// (presets, set list, saved state, socket, tuner) and the controls (control surface, MIDI) only when given:
/// <c>run</c> has both, <c>soak</c> and <c>demo</c> neither, the power-cut tests' helper the control plane.
/// </summary>
public sealed record PedalHostOptions
{
    /// <summary>The audio device, the chain and the run options.</summary>
    public required PedalServiceOptions Audio { get; init; }

    /// <summary>The start-up settings (before the saved state, when there is a control plane).</summary>
    public PedalSettings Settings { get; init; } = PedalSettings.Defaults;

    /// <summary>Start bypassed.</summary>
    public bool Bypassed { get; init; }

    /// <summary>The start-up preset's name, or null.</summary>
    public string? Preset { get; init; }

    /// <summary>The console's log level.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The data folder (<see cref="ControlProtocol.ResolveDataDirectory"/>): with <see cref="SocketPath"/>,
    /// adds the control plane and the tuner. Null: no presets, no saved state, no socket.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The control socket's path (<see cref="ControlProtocol.ResolveSocketPath"/>), with <see cref="DataDirectory"/>.</summary>
    public string? SocketPath { get; init; }

    /// <summary>Socket limits; null for the defaults.</summary>
    public ControlServerOptions? ServerOptions { get; init; }

    /// <summary>True when <c>run</c> was given a preset or parameters: <see cref="Settings"/> then replace the saved
    /// sound (and <see cref="Bypassed"/> the saved bypass) once the saved state is restored.</summary>
    public bool OverrideSavedSettings { get; init; }

    /// <summary>The configuration whose control surface and MIDI input to run (with a control plane); null for none.</summary>
    public PedalConfig? Controls { get; init; }

    /// <summary>With <see cref="Controls"/>: simulated devices instead of SPI and GPIO.</summary>
    public bool Simulated { get; init; }

    /// <summary>With <see cref="Simulated"/>: a scenario played in real time from the first buffer, or null.</summary>
    public string? ScenarioPath { get; init; }

    /// <summary>With <see cref="Simulated"/> and no scenario: the console's keys turn the knobs and press the switches.</summary>
    public bool Keyboard { get; init; }

    /// <summary>Where the simulated surface prints its changes; null for the standard output.</summary>
    public TextWriter? Console { get; init; }
}
