using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Builds the pedal's host: console logging (journal format under systemd), systemd integration (Type=notify
/// readiness), the engine, the <see cref="IPedalControl"/>, the supervisor and the <see cref="PedalService"/>.
/// Other parts of the service (control surface, control socket) register their hosted services through
/// <c>configure</c> and take <see cref="IPedalControl"/> and <see cref="AudioSupervisor"/> from the container.
/// </summary>
public static class PedalRuntime
{
    /// <summary>Builds (does not start) the host.</summary>
    /// <param name="options">Audio and run options.</param>
    /// <param name="initial">Start-up settings.</param>
    /// <param name="bypassed">Start bypassed.</param>
    /// <param name="preset">The start-up preset's name, or null.</param>
    /// <param name="configure">Adds more services (hosted services of the control surface, the socket server).</param>
    /// <param name="minimumLevel">Console log level.</param>
    /// <param name="configureBeforeAudio">Adds services that start before the audio service (hosted services start in
    /// order): the control plane, so the saved state is restored before the first buffer, and the control surface, so
    /// the LED shows an audio fault from the first attempt.</param>
    public static IHost Build(PedalServiceOptions options, in PedalSettings initial, bool bypassed = false, string? preset = null,
        Action<IServiceCollection>? configure = null, LogLevel minimumLevel = LogLevel.Information,
        Action<IServiceCollection>? configureBeforeAudio = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "gru-pedal" });
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.AddSystemd();

        var queue = new ParameterQueue(256);
        var chain = new PedalChain(options.Chain);
        var engine = new AudioEngine(chain, queue, options.Routing);
        var control = new PedalControl(queue, initial, bypassed, preset);
        var notifier = new SystemdNotifier();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(queue);
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton(control);
        builder.Services.AddSingleton<IPedalControl>(control);
        builder.Services.AddSingleton(notifier);
        builder.Services.AddSingleton(sp => new AudioSupervisor(options, engine, control, notifier,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("gru-pedal.audio")));
        configureBeforeAudio?.Invoke(builder.Services);
        builder.Services.AddHostedService(sp => new PedalService(sp.GetRequiredService<AudioSupervisor>()));
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
