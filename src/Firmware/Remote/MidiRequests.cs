using System.Text.Json;
using GruPedalPi.Firmware.Core;
using GruPedalPi.Firmware.Remote.Wire;

namespace GruPedalPi.Firmware.Remote;

/// <summary>
/// The requests about MIDI and the expression pedal: <c>midi.learn</c>, <c>midi.list</c>, <c>midi.forget</c>,
/// <c>midi.monitor</c>, <c>expression.read</c> and <c>expression.calibrate</c>. They need the running service's MIDI
/// input (<see cref="ControlContext.Midi"/>) and answer not_running without it.
/// </summary>
internal sealed class MidiRequests
{
    private readonly ControlContext _context;
    private readonly IPedalControl? _pedal;

    /// <summary>Creates the handlers over the shared context.</summary>
    public MidiRequests(ControlContext context)
    {
        _context = context;
        _pedal = context.Pedal;
    }

    public ControlRequestHandler.Outcome Handle(ref ControlRequest req, Utf8JsonWriter w)
    {
        if (_pedal is null || _context.Midi is not { } midi)
        {
            return _context.NotRunning(ref req, w);
        }

        switch (req.Command)
        {
            case ControlCommand.MidiLearn:
                {
                    var target = ControlContext.Required(req.Name, "name");
                    var seconds = req.HasValue ? req.Value : 30;
                    if (!(seconds >= 1 && seconds <= 300))
                    {
                        _context.WriteError(w, ref req, ErrorCodes.BadRequest, "value (the time to wait, in seconds) must be 1..300");
                        return ControlRequestHandler.Outcome.Error;
                    }

                    var cc = midi.Learn(target, TimeSpan.FromSeconds(seconds), out var targetName, out var error);
                    if (cc < 0)
                    {
                        _context.WriteError(w, ref req, error.StartsWith("unknown", StringComparison.Ordinal) ? ErrorCodes.UnknownParameter : ErrorCodes.Timeout, error);
                        return ControlRequestHandler.Outcome.Error;
                    }

                    return _context.Respond(w, ref req, new MidiLearnResponse { Cc = cc, Target = targetName }, WireJsonContext.Default.MidiLearnResponse);
                }

            case ControlCommand.MidiList:
                _context.Begin(w, ref req);
                midi.WriteMap(w);
                w.WriteEndObject();
                return ControlRequestHandler.Outcome.Ok;
            case ControlCommand.MidiForget:
                {
                    if (!req.HasCc)
                    {
                        _context.WriteError(w, ref req, ErrorCodes.BadRequest, "missing field cc");
                        return ControlRequestHandler.Outcome.Error;
                    }

                    if (!midi.Forget(req.Cc, out var error))
                    {
                        _context.WriteError(w, ref req, ErrorCodes.BadRequest, error);
                        return ControlRequestHandler.Outcome.Error;
                    }

                    return _context.Respond(w, ref req, new MidiForgetResponse { Cc = req.Cc }, WireJsonContext.Default.MidiForgetResponse);
                }

            case ControlCommand.MidiMonitor:
                _context.Begin(w, ref req);
                midi.WriteMonitor(w, req.Since);
                w.WriteEndObject();
                return ControlRequestHandler.Outcome.Ok;
            case ControlCommand.ExpressionRead:
                {
                    var reading = midi.ExpressionReading;
                    if (double.IsNaN(reading))
                    {
                        _context.WriteError(w, ref req, ErrorCodes.BadRequest, "no expression pedal (set \"expression\": {\"channel\": N} in the configuration)");
                        return ControlRequestHandler.Outcome.Error;
                    }

                    return _context.Respond(w, ref req, new ExpressionReadResponse { Reading = Math.Round(reading, 1) },
                        WireJsonContext.Default.ExpressionReadResponse);
                }

            default:
                {
                    if (!req.HasHeel || !req.HasToe)
                    {
                        _context.WriteError(w, ref req, ErrorCodes.BadRequest, "missing field heel or toe (the readings, 0..1023)");
                        return ControlRequestHandler.Outcome.Error;
                    }

                    if (!midi.Calibrate(req.Heel, req.Toe, out var error))
                    {
                        _context.WriteError(w, ref req, ErrorCodes.BadRequest, error);
                        return ControlRequestHandler.Outcome.Error;
                    }

                    return _context.Respond(w, ref req, new ExpressionCalibrateResponse { Heel = req.Heel, Toe = req.Toe },
                        WireJsonContext.Default.ExpressionCalibrateResponse);
                }
        }
    }
}
