using GruPedalPi.Firmware.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Remote;

/// <summary>Registers the <see cref="ControlPlane"/> in the service's host.</summary>
public static class ControlPlaneServiceCollectionExtensions
{
    /// <summary>
    /// Adds the control plane (presets, set list, saved state, control socket) as a hosted service, built on the
    /// container's <see cref="IPedalControl"/>; also registers it as <see cref="ControlPlane"/> and its set list as
    /// <see cref="IPresetNavigator"/> for the control surface. Register it after the audio service, so that the
    /// saved state is restored into a running engine (or build the engine with
    /// <see cref="Presets.PedalStateSaver.BootState(string, ILogger?)"/>, and nothing is sent at all).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="dataDirectory">The data folder (<see cref="ControlProtocol.ResolveDataDirectory"/>).</param>
    /// <param name="socketPath">The socket's path (<see cref="ControlProtocol.ResolveSocketPath"/>).</param>
    /// <param name="options">Socket limits; null for the defaults.</param>
    public static IServiceCollection AddControlPlane(this IServiceCollection services, string dataDirectory, string socketPath, ControlServerOptions? options = null)
    {
        services.AddSingleton(sp => new ControlPlane(
            sp.GetRequiredService<IPedalControl>(),
            dataDirectory,
            socketPath,
            sp.GetService<ILoggerFactory>()?.CreateLogger("gru-pedal.control"),
            options));
        services.AddSingleton<IPresetNavigator>(sp => sp.GetRequiredService<ControlPlane>().Navigator);
        services.AddHostedService(sp => sp.GetRequiredService<ControlPlane>());
        return services;
    }
}
