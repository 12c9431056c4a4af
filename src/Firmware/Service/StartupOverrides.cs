using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.Hosting;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Settings given on <c>gru-pedal run</c>'s command line (<c>--preset</c>, a parameter option, <c>--bypass</c>) win
/// over the saved state: started after the control plane has restored it, this applies them (as a start-up change,
/// which the state saver then keeps).
/// </summary>
public sealed class StartupOverrides : IHostedService
{
    private readonly IPedalControl _control;
    private readonly PedalSettings _settings;
    private readonly string? _preset;
    private readonly bool _applySettings;
    private readonly bool _bypass;

    /// <summary>Creates the overrides.</summary>
    /// <param name="control">The running pedal.</param>
    /// <param name="applySettings">True when a preset or parameter was given: <paramref name="settings"/> replaces the saved sound.</param>
    /// <param name="settings">The command line's settings (its preset's, then each parameter option).</param>
    /// <param name="preset">The command line's preset name, or null.</param>
    /// <param name="bypass">True when <c>--bypass</c> was given.</param>
    public StartupOverrides(IPedalControl control, bool applySettings, in PedalSettings settings, string? preset, bool bypass)
    {
        _control = control;
        _applySettings = applySettings;
        _settings = settings;
        _preset = preset;
        _bypass = bypass;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_applySettings)
        {
            _control.LoadPreset(_preset ?? "", _settings, ControlSource.Startup);
        }

        if (_bypass && !_control.Bypassed)
        {
            _control.SetBypass(true, ControlSource.Startup);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
