using System.Diagnostics;
using GruPedalPi.Firmware.Remote;
using GruPedalPi.Firmware.Remote.Wire;
using Spectre.Console;

namespace GruPedalPi.Firmware.LiveView;

/// <summary>
/// The live view's loop (<c>gru-pedal monitor</c> and <c>gru-pedal tuner</c>): one <c>monitor</c> request per frame
/// over one kept-open connection, the meters' ballistics, the painter that redraws only what changed, and the keys
/// (<c>b</c> bypass, <c>n</c>/<c>p</c> next/previous preset, <c>t</c> tuner, <c>q</c> quit). Nothing changes on the
/// pedal unless a key asks; a tuner the session engaged is left when it ends.
/// </summary>
public sealed class MonitorSession
{
    /// <summary>Exit code: quit with q.</summary>
    public const int ExitQuit = 0;

    /// <summary>Exit code: the service went away (the socket closed), as <c>status</c> says when it is not running.</summary>
    public const int ExitLostService = 3;

    /// <summary>Exit code: interrupted (Ctrl+C), the shell's convention for SIGINT.</summary>
    public const int ExitInterrupted = 130;

    private static readonly byte[] MonitorRequest = ControlRequestBuilder.Build(ControlCommand.Monitor); // built once: sent every frame
    private readonly ControlClient _client;
    private readonly IAnsiConsole _console;
    private readonly TimeSpan _period;
    private readonly MeterBallistics _input = new();
    private readonly MeterBallistics _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string? _message;
    private bool _engagedTuner;
    private string? _failure;

    /// <summary>Creates a session on an open connection.</summary>
    /// <param name="client">The connection to the service.</param>
    /// <param name="console">The terminal.</param>
    /// <param name="refreshHz">Frames per second, 1..30.</param>
    public MonitorSession(ControlClient client, IAnsiConsole console, double refreshHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(refreshHz, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(refreshHz, 30);
        _client = client;
        _console = console;
        _period = TimeSpan.FromSeconds(1 / refreshHz);
    }

    /// <summary>Why the session ended, for the caller to print (null after q).</summary>
    public string? EndMessage { get; private set; }

    /// <summary>Runs the full-screen view until q, Ctrl+C (<paramref name="cancellationToken"/>) or a lost socket.</summary>
    /// <param name="startWithTuner">True to engage the tuner first (<c>gru-pedal tuner</c>); it is left at the end.</param>
    /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public int Run(bool startWithTuner, CancellationToken cancellationToken)
    {
        int exit = ExitQuit;
        var view = new MonitorView(_console.Profile.Capabilities.Unicode);
        var painter = new ScreenPainter(_console);
        if (startWithTuner && !TrySend(ControlRequestBuilder.WithState(ControlCommand.Tuner, "on")))
        {
            return ExitLostService;
        }

        _engagedTuner = startWithTuner;
        _console.AlternateScreen(() =>
        {
            _console.Cursor.Show(false);
            int width = _console.Profile.Width;
            try
            {
                while (true)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        exit = ExitInterrupted;
                        return;
                    }

                    if (!TryFrame(out var frame))
                    {
                        exit = ExitLostService;
                        return;
                    }

                    double now = _clock.Elapsed.TotalSeconds;
                    if (frame.Input is { } i)
                    {
                        _input.Update(i, now);
                    }

                    if (frame.Output is { } o)
                    {
                        _output.Update(o, now);
                    }

                    if (_console.Profile.Width != width)
                    {
                        width = _console.Profile.Width;
                        _console.Clear();
                        painter.Invalidate();
                    }

                    painter.Paint(view.Lines(frame, _input, _output, width, _message));
                    var next = _clock.Elapsed + _period;
                    while (_clock.Elapsed < next && !cancellationToken.IsCancellationRequested)
                    {
                        if (!Console.IsInputRedirected && Console.KeyAvailable)
                        {
                            var key = Console.ReadKey(intercept: true);
                            if (key.KeyChar is 'q' or 'Q')
                            {
                                exit = ExitQuit;
                                return;
                            }

                            if (!Act(key.KeyChar))
                            {
                                exit = ExitLostService;
                                return;
                            }

                            break; // show the key's effect now
                        }

                        Thread.Sleep(10);
                    }
                }
            }
            finally
            {
                _console.Cursor.Show(true);
            }
        });

        if (_engagedTuner && exit != ExitLostService)
        {
            TrySend(ControlRequestBuilder.WithState(ControlCommand.Tuner, "off"));
        }

        if (exit == ExitLostService)
        {
            EndMessage = "lost the service's control socket (the service stopped?)";
        }

        return exit;
    }

    /// <summary>One frame's response, raw (for <c>--once --json</c>) and read.</summary>
    public bool TryFrame(out MonitorFrame frame)
    {
        frame = null!;
        byte[] response;
        try
        {
            response = _client.Request(MonitorRequest);
        }
        catch (IOException)
        {
            return false;
        }

        ResponseReader.Read(response, WireJsonContext.Default.MonitorResponse, out var result, out _);
        if (result is null)
        {
            return false;
        }

        frame = MonitorFrame.From(result);
        return true;
    }

    /// <summary>Does what a key asks (false when the service went away).</summary>
    private bool Act(char key)
    {
        byte[]? request = key switch
        {
            'b' or 'B' => ControlRequestBuilder.WithState(ControlCommand.Bypass, "toggle"),
            'n' or 'N' => ControlRequestBuilder.Build(ControlCommand.SetListNext),
            'p' or 'P' => ControlRequestBuilder.Build(ControlCommand.SetListPrevious),
            't' or 'T' => ControlRequestBuilder.WithState(ControlCommand.Tuner, "toggle"),
            _ => null,
        };
        if (request is null)
        {
            _message = "keys: b bypass, n/p next/previous preset, t tuner, q quit";
            return true;
        }

        string? message = key switch
        {
            'b' or 'B' => Ask(request, WireJsonContext.Default.BypassResponse, out var bypass)
                ? bypass is null ? null : bypass.Bypassed ? "bypass on" : "bypass off: effect on"
                : "",
            't' or 'T' => Ask(request, WireJsonContext.Default.TunerResponse, out var tuner)
                ? tuner is null ? null : (_engagedTuner = tuner.Tuner.Engaged) ? "tuner on: output muted" : "tuner off"
                : "",
            _ => Ask(request, WireJsonContext.Default.SetListStepResponse, out var step)
                ? step is null ? null : $"preset {step.Preset} ({step.Position}/{step.Count})"
                : "",
        };
        if (message == "")
        {
            return false; // the service went away
        }

        _message = message ?? _failure;
        return true;
    }

    /// <summary>Sends a request and reads its answer: false when the service went away; true with a null result
    /// when it refused (the reason in <see cref="_failure"/>).</summary>
    private bool Ask<T>(byte[] request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, out T? result) where T : ControlResponse
    {
        try
        {
            ResponseReader.Read(_client.Request(request), type, out result, out var failure);
            _failure = failure?.Error?.Message;
            return true;
        }
        catch (IOException)
        {
            result = null;
            return false;
        }
    }

    private bool TrySend(byte[] request) => Ask(request, WireJsonContext.Default.BareResponse, out _);
}
