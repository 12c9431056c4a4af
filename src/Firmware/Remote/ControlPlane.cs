using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Presets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// Everything the service hosts for presets and control, in one object: the preset library (watching its
/// folder), the set-list navigator for the control surface, the saved state (restored at start, then saved
/// coalesced), and the control socket. Create it once the pedal exists, give <see cref="Navigator"/> to the
/// control surface, then <see cref="StartAsync"/> (restores the saved state into the pedal, then listens);
/// <see cref="StopAsync"/> closes the socket and writes any pending state.
/// To start the audio engine with the saved sound rather than crossfade to it, read
/// <see cref="PedalStateSaver.BootState(string, ILogger?)"/> before building the engine and build it with that
/// state: <see cref="StartAsync"/> then sends nothing.
/// </summary>
public sealed class ControlPlane : IHostedService, IDisposable
{
    private readonly IPedalControl _pedal;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _saveInterval;
    private PedalStateSaver? _saver;

    /// <summary>Creates the control plane (reads the presets; touches nothing else until started).</summary>
    /// <param name="pedal">The running pedal.</param>
    /// <param name="dataDirectory">The data folder (<see cref="ControlProtocol.ResolveDataDirectory"/>).</param>
    /// <param name="socketPath">The socket's path (<see cref="ControlProtocol.ResolveSocketPath"/>).</param>
    /// <param name="logger">The service's log.</param>
    /// <param name="options">Socket limits; null for the defaults.</param>
    /// <param name="timeProvider">Clock for the state saver and the library's debouncing; null for the system clock.</param>
    /// <param name="saveInterval">Least time between two writes of state.json (default 500 ms).</param>
    public ControlPlane(IPedalControl pedal, string dataDirectory, string socketPath, ILogger? logger = null,
        ControlServerOptions? options = null, TimeProvider? timeProvider = null, TimeSpan? saveInterval = null)
    {
        _pedal = pedal;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _saveInterval = saveInterval ?? PedalStateSaver.DefaultInterval;
        Library = new PresetLibrary(dataDirectory, _logger, _time);
        Library.Navigator.Follow(pedal);
        Server = new ControlServer(socketPath, pedal, Library, _logger, options);
    }

    /// <summary>The presets and set list.</summary>
    public PresetLibrary Library { get; }

    /// <summary>The set list for the footswitch's hold (allocation-free stepping).</summary>
    public IPresetNavigator Navigator => Library.Navigator;

    /// <summary>The control socket server.</summary>
    public ControlServer Server { get; }

    /// <summary>Restores the saved state into the pedal, starts saving it, watching the presets folder and listening.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Library.StartWatching();
        foreach (var problem in Library.Problems)
        {
            _logger.LogError("{Problem}", problem.Error.ToString());
        }

        PedalStateSaver.Restore(_pedal, Library, _logger);
        _saver = new PedalStateSaver(_pedal, Library.DataDirectory, _time, _saveInterval, _logger);
        Server.Start();
        return Task.CompletedTask;
    }

    /// <summary>Closes the socket, writes any pending state and stops watching.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Server.Stop();
        _saver?.Dispose();
        _saver = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Server.Dispose();
        _saver?.Dispose();
        Library.Dispose();
    }
}
