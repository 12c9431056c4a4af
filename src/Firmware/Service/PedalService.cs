using Microsoft.Extensions.Hosting;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// The hosted service that is the pedal: starts the <see cref="AudioSupervisor"/> and waits (up to 5 s) until it plays
/// or reports a fault, so systemd's READY=1 (sent when the host has started) means "the pedal is up"; on stop it fades
/// out and closes the device.
/// </summary>
public sealed class PedalService : IHostedService
{
    private readonly AudioSupervisor _supervisor;

    /// <summary>Creates the service around its supervisor.</summary>
    public PedalService(AudioSupervisor supervisor)
    {
        _supervisor = supervisor;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _supervisor.Start();
        _supervisor.WaitSettled(TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _supervisor.Stop();
        return Task.CompletedTask;
    }
}
