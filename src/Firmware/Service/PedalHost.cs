using GruPedalPi.Dsp;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Engine;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Tuning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GruPedalPi.Firmware.Service;

/// <summary>
/// Builds the pedal's host, the one way it is built: <c>run</c>, <c>soak</c>, <c>demo</c> and the test helpers all come
/// here. Console logging (journal format under systemd), systemd integration (Type=notify readiness), the engine, the
/// <see cref="IPedalControl"/>, the supervisor, and what <see cref="PedalHostOptions"/> asks for.
/// <para>The start order is written here once (hosted services start in registration order and stop in reverse):
/// the tuner's thread; the control plane, so that the saved state is restored before the first buffer; the command
/// line's overrides on top of it; the control surface, so that the LED shows an audio fault from the first attempt;
/// the MIDI input; and last the audio service, which opens the device and plays.</para>
/// </summary>
public static class PedalHost
{
    /// <summary>Builds (does not start) the host.</summary>
    public static IHost Build(PedalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var audio = options.Audio;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "gru-pedal" });
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.AddSystemd();

        var queue = new ParameterQueue(256);
        var engine = new AudioEngine(new PedalChain(audio.Chain), queue, audio.Routing);
        var control = new PedalControl(queue, options.Settings, options.Bypassed, options.Preset);
        var notifier = new SystemdNotifier();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(audio);
        services.AddSingleton(queue);
        services.AddSingleton(engine);
        services.AddSingleton(control);
        services.AddSingleton<IPedalControl>(control);
        services.AddSingleton(notifier);
        services.AddSingleton(sp => new AudioSupervisor(audio, engine, control, notifier, Logger(sp, "audio")));

        if (options.DataDirectory is { } dataDirectory && options.SocketPath is { } socketPath)
        {
            AddControlPlane(services, options, dataDirectory, socketPath);
            if (options.Controls is not null)
            {
                AddControls(services, options, dataDirectory);
            }
        }
        else if (options.Controls is not null)
        {
            throw new ArgumentException("the control surface needs the control plane (DataDirectory and SocketPath)", nameof(options));
        }

        services.AddHostedService(sp => new PedalService(sp.GetRequiredService<AudioSupervisor>()));
        return builder.Build();
    }

    private static void AddControlPlane(IServiceCollection services, PedalHostOptions options, string dataDirectory, string socketPath)
    {
        services.AddSingleton(sp =>
        {
            var tuner = new Tuner(sp.GetRequiredService<AudioEngine>(), Logger(sp, "tuner"));
            tuner.Start();
            return tuner;
        });
        services.AddSingleton(sp =>
        {
            var plane = new ControlPlane(sp.GetRequiredService<IPedalControl>(), dataDirectory, socketPath, Logger(sp, "control"), options.ServerOptions);
            var handler = plane.Server.Handler;
            handler.Engine = sp.GetRequiredService<AudioEngine>();
            handler.Tuner = sp.GetRequiredService<Tuner>();
            ControlSurfaceService? surfaces = null; // resolved at the first monitor request (built after the socket)
            handler.Knobs = () => options.Controls is null ? null : (surfaces ??= sp.GetRequiredService<ControlSurfaceService>()).Surface;
            return plane;
        });
        services.AddHostedService(sp => new ControlPlaneService(sp.GetRequiredService<ControlPlane>(), Logger(sp, "control")));
        if (options.OverrideSavedSettings || options.Bypassed)
        {
            services.AddHostedService(sp => new StartupOverrides(sp.GetRequiredService<IPedalControl>(),
                options.OverrideSavedSettings, options.Settings, options.Preset, options.Bypassed));
        }
    }

    private static void AddControls(IServiceCollection services, PedalHostOptions options, string dataDirectory)
    {
        var config = options.Controls!;
        services.AddSingleton(sp => new ControlSurfaceService(config, options.Simulated, options.ScenarioPath, options.Keyboard,
            sp.GetRequiredService<PedalControl>(), sp.GetRequiredService<AudioSupervisor>(), sp.GetRequiredService<ControlPlane>().Navigator,
            Logger(sp, "surface"), options.Console ?? System.Console.Out));
        services.AddHostedService(sp =>
        {
            var surface = sp.GetRequiredService<ControlSurfaceService>();
            surface.Tuner = sp.GetRequiredService<Tuner>();
            return surface;
        });
        services.AddSingleton(sp =>
        {
            var surface = sp.GetRequiredService<ControlSurfaceService>();
            var midi = new MidiService(config, () => surface.Surface, dataDirectory, Logger(sp, "midi"));
            sp.GetRequiredService<ControlPlane>().Server.Handler.Midi = midi;
            return midi;
        });
        services.AddHostedService(sp => sp.GetRequiredService<MidiService>());
    }

    private static ILogger Logger(IServiceProvider services, string part) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("gru-pedal." + part);
}
