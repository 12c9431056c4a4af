using System.Net.Sockets;
using GruPedalPi.Firmware.Remote;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Hosts the <see cref="ControlPlane"/> (presets, set list, saved state, control socket) in <c>gru-pedal run</c>, so that
/// a socket that cannot be opened (its folder not writable, another service already listening) is one clear error in
/// the log and the pedal plays on: the guitarist on stage needs the sound, not the SSH access.
/// </summary>
public sealed class ControlPlaneService : IHostedService
{
    private readonly ControlPlane _plane;
    private readonly ILogger _logger;

    /// <summary>Wraps the control plane.</summary>
    public ControlPlaneService(ControlPlane plane, ILogger logger)
    {
        _plane = plane;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _plane.StartAsync(cancellationToken);
            _logger.LogInformation("Presets, set list and saved state in {DataDir}", _plane.Library.DataDirectory);
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
        {
            _logger.LogError("Control socket {Socket} cannot be opened: {Message}; the pedal plays on without it (gru-pedal status, set, preset ... cannot reach it)",
                _plane.Server.SocketPath, e.Message);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Also when the socket failed: the saved state's pending write still happens.
        await _plane.StopAsync(cancellationToken);
    }
}
